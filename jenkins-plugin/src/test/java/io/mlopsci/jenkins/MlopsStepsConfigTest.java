package io.mlopsci.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jenkinsci.plugins.workflow.cps.SnippetizerTester;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** Every step through the Snippet Generator's form and back, and as Pipeline syntax. */
@WithJenkins
class MlopsStepsConfigTest {

    private JenkinsRule j;

    @BeforeEach
    void setUp(JenkinsRule rule) {
        j = rule;
    }

    private static <S extends MlopsStep> S configured(S step) {
        step.setConfig("models/fraud/mlops.yaml");
        step.setOverrides(List.of("gate.metrics.f1.min=0.8", "train.params.epochs=5"));
        step.setFailOn("WARN");
        step.setUnstableOn("NEVER");
        step.setWorkdir("models/fraud");
        step.setOut("build/mlops");
        step.setMlflowTrackingUri("https://mlflow.example");
        step.setGithubRepository("acme/fraud-model");
        step.setGithubComment("on-failure");
        step.setGithubCheckRun(false);
        step.setSkipPublishingChecks(true);
        step.setSkipJUnit(true);
        return step;
    }

    @Test
    void everyStepSurvivesTheFormRoundTrip() throws Exception {
        for (MlopsStep step : List.of(
                new MlopsValidateDataStep(),
                new MlopsTrainStep(),
                new MlopsEvaluateGateStep(),
                new MlopsPackageStep(),
                new MlopsDeployCanaryStep(),
                new MlopsRollbackStep(),
                new MlopsRunStep(),
                new MlopsMonitorStep())) {
            MlopsStep before = configured(step);
            j.assertEqualDataBoundBeans(before, new StepConfigTester(j).configRoundTrip(before));
            MlopsStep bare = step.getClass().getConstructor().newInstance();
            j.assertEqualDataBoundBeans(bare, new StepConfigTester(j).configRoundTrip(bare));
        }
        MlopsTrainStep train = new MlopsTrainStep();
        train.setNoCache(true);
        j.assertEqualDataBoundBeans(train, new StepConfigTester(j).configRoundTrip(train));
        MlopsMonitorStep monitor = new MlopsMonitorStep();
        monitor.setAt("2026-01-05T00:00:00Z");
        j.assertEqualDataBoundBeans(monitor, new StepConfigTester(j).configRoundTrip(monitor));
    }

    @Test
    void theSnippetGeneratorWritesIdiomaticPipelineSyntax() throws Exception {
        SnippetizerTester st = new SnippetizerTester(j);
        st.assertRoundTrip(new MlopsTrainStep(), "mlopsTrain()");
        MlopsEvaluateGateStep gate = new MlopsEvaluateGateStep();
        gate.setFailOn("WARN");
        gate.setOverrides(List.of("gate.metrics.f1.min=0.8"));
        st.assertRoundTrip(gate, "mlopsEvaluateGate failOn: 'WARN', overrides: ['gate.metrics.f1.min=0.8']");
        MlopsRunStep run = new MlopsRunStep();
        run.setNoCache(true);
        run.setConfig("models/fraud/mlops.yaml");
        st.assertRoundTrip(run, "mlopsRun config: 'models/fraud/mlops.yaml', noCache: true");
        MlopsMonitorStep monitor = new MlopsMonitorStep();
        monitor.setFailOn("NEVER");
        monitor.setAt("2026-01-05T00:00:00Z");
        st.assertRoundTrip(monitor, "mlopsMonitor at: '2026-01-05T00:00:00Z', failOn: 'NEVER'");
    }

    @Test
    void theStepsAreRegisteredUnderTheirNames() {
        assertThat(org.jenkinsci.plugins.workflow.steps.StepDescriptor.byFunctionName("mlopsEvaluateGate"))
                .isInstanceOf(MlopsEvaluateGateStep.DescriptorImpl.class);
        for (String name : List.of(
                "mlopsValidateData",
                "mlopsTrain",
                "mlopsPackage",
                "mlopsDeployCanary",
                "mlopsRollback",
                "mlopsRun",
                "mlopsMonitor")) {
            assertThat(org.jenkinsci.plugins.workflow.steps.StepDescriptor.byFunctionName(name))
                    .as(name)
                    .isNotNull();
        }
    }
}
