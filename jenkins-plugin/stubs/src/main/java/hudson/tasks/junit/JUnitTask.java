// Stub of jenkinsci/junit-plugin@c64aedd src/main/java/hudson/tasks/junit/JUnitTask.java —
// signatures as in the real source; bodies are test doubles (test-only, never shipped).
package hudson.tasks.junit;

public interface JUnitTask {
    String getTestResults();

    boolean isAllowEmptyResults();

    boolean isSkipPublishingChecks();
}
