// Stub of jenkinsci/jenkins@jenkins-2.541.3 core/src/main/java/hudson/model/Describable.java — signatures as in the
// real source; bodies are test doubles (test-only, never shipped).
package hudson.model;

import jenkins.model.Jenkins;

public interface Describable<T extends Describable<T>> {
    @SuppressWarnings("unchecked")
    default Descriptor<T> getDescriptor() {
        return Jenkins.get().getDescriptorOrDie(getClass());
    }
}
