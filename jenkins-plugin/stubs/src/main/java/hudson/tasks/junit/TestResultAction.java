// Stub of jenkinsci/junit-plugin@c64aedd src/main/java/hudson/tasks/junit/TestResultAction.java — signatures as in the
// real source; bodies are test doubles (test-only, never shipped).
package hudson.tasks.junit;

import hudson.model.Action;

/** (Only the counts of AbstractTestResultAction.) */
public class TestResultAction implements Action {
    private int total;
    private int failed;
    private int skipped;

    private final java.util.List<hudson.tasks.test.PipelineTestDetails> origins = new java.util.ArrayList<>();

    synchronized void add(int total, int failed, int skipped, hudson.tasks.test.PipelineTestDetails origin) {
        this.total += total;
        this.failed += failed;
        this.skipped += skipped;
        if (origin != null) {
            origins.add(origin);
        }
    }

    /** Stub only (the real one keeps them per suite): where in the Pipeline each recorded set came from. */
    public synchronized java.util.List<hudson.tasks.test.PipelineTestDetails> stubPipelineOrigins() {
        return java.util.List.copyOf(origins);
    }

    public synchronized int getTotalCount() {
        return total;
    }

    public synchronized int getFailCount() {
        return failed;
    }

    public synchronized int getSkipCount() {
        return skipped;
    }

    @Override
    public String getIconFileName() {
        return "symbol-clipboard";
    }

    @Override
    public String getDisplayName() {
        return "Test Result";
    }

    @Override
    public String getUrlName() {
        return "testReport";
    }
}
