// Stub of jenkinsci/jenkins@jenkins-2.541.3 core/src/main/java/hudson/security/Permission.java — signatures as in the
// real source; bodies are test doubles (test-only, never shipped).
package hudson.security;

/** (Constructors and groups omitted: the plugin only refers to existing permissions.) */
public final class Permission {
    public final String name;

    public Permission(String name) {
        this.name = name;
    }

    @Override
    public String toString() {
        return "Permission[" + name + "]";
    }
}
