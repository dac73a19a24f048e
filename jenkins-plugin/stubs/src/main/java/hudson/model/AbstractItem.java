// Stub of jenkinsci/jenkins@jenkins-2.541.3 core/src/main/java/hudson/model/AbstractItem.java — signatures as in the
// real source; bodies are test doubles (test-only, never shipped).
package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.security.ACL;

public abstract class AbstractItem extends Actionable implements Item {
    private final transient ItemGroup<?> parent;
    protected final transient String name;

    protected AbstractItem(ItemGroup<?> parent, String name) {
        this.parent = parent;
        this.name = name;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getFullName() {
        String p = parent == null ? "" : parent.getFullName();
        return p.isEmpty() ? name : p + "/" + name;
    }

    public String getDisplayName() {
        return name;
    }

    @Override
    public String getUrl() {
        return "job/" + name + "/";
    }

    @NonNull
    @Override
    public ACL getACL() {
        return ACL.grantAll();
    }
}
