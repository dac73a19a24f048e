// Stub of jenkinsci/jenkins@jenkins-2.541.3 core/src/main/java/hudson/model/ModelObject.java — signatures as in the
// real source; bodies are test doubles (test-only, never shipped).
package hudson.model;

public interface ModelObject {
    String getDisplayName();
}
