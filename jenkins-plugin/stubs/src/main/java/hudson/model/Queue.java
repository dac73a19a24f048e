// Stub of jenkinsci/jenkins@jenkins-2.541.3 core/src/main/java/hudson/model/Queue.java —
// signatures as in the real source; bodies are test doubles (test-only, never shipped).
package hudson.model;

/** (Only the nested Task type.) */
public class Queue {
    private Queue() {}

    public interface Task extends ModelObject {}
}
