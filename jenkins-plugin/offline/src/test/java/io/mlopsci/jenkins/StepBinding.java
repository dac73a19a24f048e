package io.mlopsci.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;

/**
 * Checks shared by the step tests: how Pipeline binds a step's named arguments (structs'
 * DescribableModel, strict as in tests) and writes them back for the Snippet Generator.
 */
@SuppressWarnings("deprecation") // newInstance(Map) and defineArguments are how Pipeline binds steps
final class StepBinding {

    private StepBinding() {}

    /** Every parameter every mlops step takes, with a non-default value. */
    static Map<String, Object> allCommonArguments() {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("config", "models/fraud/mlops.yaml");
        args.put("workdir", "models/fraud");
        args.put("out", "build/mlops");
        args.put("overrides", List.of("gate.metrics.f1.min=0.8", "train.params.epochs=5"));
        args.put("failOn", "WARN");
        args.put("unstableOn", "NEVER");
        args.put("mlflowTrackingUri", "https://mlflow.example");
        args.put("mlflowCredentialsId", "mlflow");
        args.put("registryCredentialsId", "registry");
        args.put("githubCredentialsId", "github");
        args.put("githubRepository", "acme/fraud-model");
        args.put("githubComment", "on-failure");
        args.put("githubCheckRun", false);
        args.put("skipPublishingChecks", true);
        args.put("skipJUnit", true);
        return args;
    }

    /**
     * The descriptor is found, named and bound as Pipeline would; every argument round-trips
     * through the Snippet Generator's uninstantiation; defaults are left out; unknown and invalid
     * arguments are refused with the parameter named.
     */
    static <S extends MlopsStep> S assertBinding(
            Class<S> type, String functionName, String cliStep, Map<String, Object> extra) throws Exception {
        S plain = type.getConstructor().newInstance();
        StepDescriptor d = plain.getDescriptor();
        assertThat(d.getFunctionName()).isEqualTo(functionName);
        assertThat(d.getClass().getAnnotation(Symbol.class).value()).containsExactly(functionName);
        assertThat(d.getDisplayName()).contains("(" + cliStep + ")");
        assertThat(new java.util.HashSet<Class<?>>(d.getRequiredContext()))
                .contains(
                        hudson.FilePath.class,
                        hudson.Launcher.class,
                        hudson.model.Run.class,
                        hudson.model.TaskListener.class,
                        hudson.EnvVars.class);
        assertThat(plain.invocation().step().id()).isEqualTo(cliStep);

        Step bare = d.newInstance(Map.of());
        assertThat(d.defineArguments(bare))
                .as(functionName + "() has no arguments to write")
                .isEmpty();
        assertThat(((MlopsStep) bare).invocation().arguments())
                .containsExactly(cliStep, "--config", "mlops.yaml", "--out", ".mlops/out");

        Map<String, Object> args = allCommonArguments();
        args.putAll(extra);
        @SuppressWarnings("unchecked")
        S bound = (S) d.newInstance(args);
        assertThat(bound.getConfig()).isEqualTo("models/fraud/mlops.yaml");
        assertThat(bound.getOverrides()).containsExactly("gate.metrics.f1.min=0.8", "train.params.epochs=5");
        assertThat(bound.getFailOn()).isEqualTo("WARN");
        assertThat(bound.getUnstableOn()).isEqualTo("NEVER");
        assertThat(bound.isGithubCheckRun()).isFalse();
        assertThat(((MlopsStep) bare).isGithubCheckRun())
                .as("on by default, as in the engine")
                .isTrue();
        assertThat(d.defineArguments(bound)).as("snippet round trip").isEqualTo(new java.util.TreeMap<>(args));
        assertThat(bound.invocation().arguments())
                .containsSubsequence(
                        cliStep,
                        "--config",
                        "models/fraud/mlops.yaml",
                        "--workdir",
                        "models/fraud",
                        "--out",
                        "build/mlops",
                        "--set",
                        "gate.metrics.f1.min=0.8",
                        "--set",
                        "train.params.epochs=5");

        assertThatThrownBy(() -> d.newInstance(Map.of("confg", "x.yaml")))
                .hasMessageContaining("Unknown parameter(s)")
                .hasMessageContaining("confg");
        assertThatThrownBy(() -> d.newInstance(Map.of("failOn", "sometimes")))
                .hasMessageContaining("failOn must be one of WARN, FAIL, NEVER, got 'sometimes'");
        assertThatThrownBy(() -> d.newInstance(Map.of("overrides", List.of("no-equals-sign"))))
                .hasMessageContaining("overrides must be PATH=VALUE pairs");
        assertThatThrownBy(() -> d.newInstance(Map.of("githubRepository", "not a repo")))
                .hasMessageContaining("githubRepository must be OWNER/NAME");
        return bound;
    }
}
