package io.mlopsci.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.FilePath;
import hudson.model.Result;
import hudson.model.Slave;
import hudson.slaves.DumbSlave;
import java.nio.file.Path;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/**
 * The controller restarts while {@code mlopsTrain()} runs on an agent; the engine keeps running
 * there as a durable task, and after the restart the step picks up its output and exit status and
 * the build ends with the engine's verdict — as {@code sh} survives a restart.
 */
class MlopsRestartTest {

    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @Test
    void aControllerRestartDuringTrainingEndsWithTheEnginesVerdict() throws Throwable {
        sessions.then((JenkinsRule j) -> {
            Engines.install();
            DumbSlave agent = j.createSlave("remote", "agents", null);
            j.waitOnline(agent);
            WorkflowJob p = j.jenkins.createProject(WorkflowJob.class, "p");
            p.setDefinition(new CpsFlowDefinition("""
                    node('agents') {
                      def r = mlopsTrain noCache: true, overrides: ["train.command=[sh, -c, 'echo training starts; sleep 20; exec java src/Train.java --train \\"\\$0\\" --eval \\"\\$1\\" --out \\"\\$2\\"', \\"\\${data.train}\\", \\"\\${data.eval}\\", \\"\\${train.output}\\"]"]
                      echo "after the restart: ${r.verdict}"
                    }
                    """, true));
            FilePath ws = agent.getWorkspaceFor(p);
            ws.mkdirs();
            new FilePath(Path.of(System.getProperty("mlops.repoRoot", ".."), "test-repos", "jvm-classifier")
                            .toFile())
                    .copyRecursiveTo(ws);
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            j.waitForMessage("training starts", b);
        });
        sessions.then((JenkinsRule j) -> {
            j.waitOnline((Slave) j.jenkins.getNode("remote"));
            WorkflowRun b = j.jenkins.getItemByFullName("p", WorkflowJob.class).getBuildByNumber(1);
            j.assertBuildStatus(Result.SUCCESS, j.waitForCompletion(b));
            j.assertLogContains("train | epoch 300", b);
            j.assertLogContains("mlops train: PASS", b);
            j.assertLogContains("after the restart: PASS", b);
            assertThat(b.getAction(MlopsResultAction.class).getVerdict()).isEqualTo("PASS");
        });
    }
}
