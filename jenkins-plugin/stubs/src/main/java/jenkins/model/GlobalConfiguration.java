// Stub of jenkinsci/jenkins@jenkins-2.541.3 core/src/main/java/jenkins/model/GlobalConfiguration.java — signatures as
// in the real source; bodies are test doubles (test-only, never shipped).
package jenkins.model;

import hudson.ExtensionList;
import hudson.ExtensionPoint;
import hudson.model.Describable;
import hudson.model.Descriptor;
import net.sf.json.JSONObject;
import org.kohsuke.stapler.StaplerRequest2;

public abstract class GlobalConfiguration extends Descriptor<GlobalConfiguration>
        implements ExtensionPoint, Describable<GlobalConfiguration> {
    @SuppressWarnings("unchecked")
    protected GlobalConfiguration() {
        super(self());
    }

    @Override
    public final Descriptor<GlobalConfiguration> getDescriptor() {
        return this;
    }

    public String getGlobalConfigPage() {
        return null;
    }

    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        req.bindJSON(this, json);
        return true;
    }

    public static ExtensionList<GlobalConfiguration> all() {
        return ExtensionList.lookup(GlobalConfiguration.class);
    }
}
