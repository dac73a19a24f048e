// Stub of jenkinsci/jenkins@jenkins-2.541.3 core/src/main/java/hudson/model/AbstractDescribableImpl.java — signatures
// as in the real source; bodies are test doubles (test-only, never shipped).
package hudson.model;

@Deprecated(since = "2.505")
public abstract class AbstractDescribableImpl<T extends AbstractDescribableImpl<T>> implements Describable<T> {}
