// Stub of jenkinsci/junit-plugin@c64aedd src/main/java/hudson/tasks/junit/JUnitResultArchiver.java — signatures as in
// the real source; bodies are test doubles (test-only, never shipped).
package hudson.tasks.junit;

import hudson.AbortException;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.test.PipelineTestDetails;
import java.io.IOException;
import java.io.InputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import jenkins.tasks.SimpleBuildStep;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Parses the matched JUnit XML files and adds their counts to the build's {@link TestResultAction}
 * (the real one keeps every case; the stub keeps totals). Like the real one it marks the build
 * unstable on failures unless told not to.
 */
public class JUnitResultArchiver implements SimpleBuildStep, JUnitTask {
    private final String testResults;
    private boolean allowEmptyResults;
    private boolean skipMarkingBuildUnstable;
    private boolean skipPublishingChecks;

    public JUnitResultArchiver(String testResults) {
        this.testResults = testResults;
    }

    public String getTestResults() {
        return testResults;
    }

    public boolean isAllowEmptyResults() {
        return allowEmptyResults;
    }

    public final void setAllowEmptyResults(boolean allowEmptyResults) {
        this.allowEmptyResults = allowEmptyResults;
    }

    public boolean isSkipMarkingBuildUnstable() {
        return skipMarkingBuildUnstable;
    }

    public void setSkipMarkingBuildUnstable(boolean skipMarkingBuildUnstable) {
        this.skipMarkingBuildUnstable = skipMarkingBuildUnstable;
    }

    public boolean isSkipPublishingChecks() {
        return skipPublishingChecks;
    }

    public void setSkipPublishingChecks(boolean skipPublishingChecks) {
        this.skipPublishingChecks = skipPublishingChecks;
    }

    @Override
    public void perform(Run build, FilePath workspace, Launcher launcher, TaskListener listener)
            throws InterruptedException, IOException {
        TestResultAction action = parseAndAttach(this, null, build, workspace, launcher, listener);
        if (action != null && action.getFailCount() > 0 && !skipMarkingBuildUnstable) {
            build.setResult(Result.UNSTABLE);
        }
    }

    /**
     * As the real one: parses the reports and attaches them to the build's test results (attributed
     * to the Pipeline node and its enclosing stages when {@code pipelineTestDetails} is given); does
     * not change the build result. Null when nothing was found and empty results are allowed.
     */
    public static TestResultAction parseAndAttach(
            @edu.umd.cs.findbugs.annotations.NonNull JUnitTask task,
            PipelineTestDetails pipelineTestDetails,
            Run build,
            FilePath workspace,
            Launcher launcher,
            TaskListener listener)
            throws InterruptedException, IOException {
        listener.getLogger().println("Recording test results");
        String testResults = task.getTestResults();
        boolean allowEmptyResults = task.isAllowEmptyResults();
        int total = 0;
        int failed = 0;
        int skipped = 0;
        for (FilePath f : workspace.list(testResults)) {
            try (InputStream in = f.read()) {
                Document doc = DocumentBuilderFactory.newInstance()
                        .newDocumentBuilder()
                        .parse(in);
                NodeList cases = doc.getElementsByTagName("testcase");
                for (int i = 0; i < cases.getLength(); i++) {
                    Element c = (Element) cases.item(i);
                    total++;
                    if (c.getElementsByTagName("failure").getLength() > 0
                            || c.getElementsByTagName("error").getLength() > 0) {
                        failed++;
                    } else if (c.getElementsByTagName("skipped").getLength() > 0) {
                        skipped++;
                    }
                }
            } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
                throw new IOException("Failed to read " + f, e);
            }
        }
        if (total == 0) {
            if (allowEmptyResults) {
                listener.getLogger().println("None of the test reports contained any result");
                return null;
            }
            throw new AbortException("No test report files were found. Configuration error?");
        }
        synchronized (build) {
            TestResultAction action = build.getAction(TestResultAction.class);
            if (action == null) {
                action = new TestResultAction();
                build.addAction(action);
            }
            action.add(total, failed, skipped, pipelineTestDetails);
            return action;
        }
    }
}
