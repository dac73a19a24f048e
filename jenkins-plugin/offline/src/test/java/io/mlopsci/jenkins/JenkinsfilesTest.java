package io.mlopsci.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsci.core.testing.Requirements;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.codehaus.groovy.ast.ASTNode;
import org.codehaus.groovy.ast.CodeVisitorSupport;
import org.codehaus.groovy.ast.builder.AstBuilder;
import org.codehaus.groovy.ast.expr.MapExpression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.TupleExpression;
import org.codehaus.groovy.ast.stmt.BlockStatement;
import org.codehaus.groovy.control.CompilePhase;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The repository's Jenkinsfiles (its own, and one per sample in test-repos/) parse as Groovy and
 * call the mlops steps only with parameters the steps have — the mistakes a Jenkins would report
 * only when the pipeline runs.
 */
class JenkinsfilesTest {

    private static final Map<String, Class<? extends MlopsStep>> STEPS = Map.of(
            "mlopsMonitor",
            MlopsMonitorStep.class,
            "mlopsValidateData",
            MlopsValidateDataStep.class,
            "mlopsTrain",
            MlopsTrainStep.class,
            "mlopsEvaluateGate",
            MlopsEvaluateGateStep.class,
            "mlopsPackage",
            MlopsPackageStep.class,
            "mlopsDeployCanary",
            MlopsDeployCanaryStep.class,
            "mlopsRollback",
            MlopsRollbackStep.class,
            "mlopsRun",
            MlopsRunStep.class);

    static List<Path> jenkinsfiles() throws IOException {
        Path root = Requirements.repoRoot();
        List<Path> out = new ArrayList<>(List.of(root.resolve("Jenkinsfile")));
        try (Stream<Path> samples = Files.list(root.resolve("test-repos"))) {
            samples.map(s -> s.resolve("Jenkinsfile"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .forEach(out::add);
        }
        // A sample's further jobs, e.g. Jenkinsfile.monitor (a scheduled monitoring job).
        try (Stream<Path> more = Files.find(
                root.resolve("test-repos"),
                2,
                (p, a) -> a.isRegularFile() && p.getFileName().toString().startsWith("Jenkinsfile."))) {
            more.sorted().forEach(out::add);
        }
        return out;
    }

    private static Set<String> parameters(Class<?> step) {
        Set<String> out = new LinkedHashSet<>();
        for (Method m : step.getMethods()) {
            if (m.isAnnotationPresent(DataBoundSetter.class)) {
                out.add(Character.toLowerCase(m.getName().charAt(3))
                        + m.getName().substring(4));
            }
        }
        return out;
    }

    @Test
    void everyJenkinsfileParsesAndCallsTheStepsWithTheirOwnParameters() throws IOException {
        List<Path> files = jenkinsfiles();
        try (Stream<Path> samples = Files.list(Requirements.repoRoot().resolve("test-repos"))) {
            assertThat(samples.filter(Files::isDirectory).map(s -> s.resolve("Jenkinsfile")))
                    .as("every sample shows how it is used on Jenkins")
                    .allMatch(Files::isRegularFile);
        }
        assertThat(files).as("the root Jenkinsfile and one per sample").hasSizeGreaterThanOrEqualTo(5);
        assertThat(files)
                .contains(
                        Requirements.repoRoot().resolve("test-repos/jvm-classifier/Jenkinsfile"),
                        Requirements.repoRoot().resolve("test-repos/jvm-classifier/Jenkinsfile.monitor"));
        for (Path f : files) {
            List<String> used = new ArrayList<>();
            assertThat(problems(Files.readString(f), used)).as(f.toString()).isEmpty();
            assertThat(used).as(f + " uses the plugin's steps").isNotEmpty();
        }
    }

    @Test
    void theCheckCatchesUnknownStepsAndParameters() {
        List<String> used = new ArrayList<>();
        assertThat(problems("""
                node { stage('x') { mlopsTrain noCache: true, confg: 'a.yaml'
                  def r = mlopsEvaluateGate(failOn: 'FAIL')
                  mlopsDeploy() } }
                """, used))
                .containsExactly("mlopsTrain has no parameter confg", "unknown step mlopsDeploy");
        assertThat(used).containsExactly("mlopsTrain", "mlopsEvaluateGate", "mlopsDeploy");
    }

    /** Unknown mlops steps and parameters in a Jenkinsfile; the mlops steps it calls go to {@code used}. */
    static List<String> problems(String source, List<String> used) {
        List<String> problems = new ArrayList<>();
        for (ASTNode node : new AstBuilder().buildFromString(CompilePhase.CONVERSION, false, source)) {
            if (node instanceof BlockStatement block) {
                block.visit(new CodeVisitorSupport() {
                    @Override
                    public void visitMethodCallExpression(MethodCallExpression call) {
                        String name = call.getMethodAsString();
                        if (name != null && name.startsWith("mlops")) {
                            used.add(name);
                            Class<? extends MlopsStep> step = STEPS.get(name);
                            if (step == null) {
                                problems.add("unknown step " + name);
                            } else {
                                Set<String> known = parameters(step);
                                namedArguments(call).stream()
                                        .filter(a -> !known.contains(a))
                                        .forEach(a -> problems.add(name + " has no parameter " + a));
                            }
                        }
                        super.visitMethodCallExpression(call);
                    }
                });
            }
        }
        return problems;
    }

    private static List<String> namedArguments(MethodCallExpression call) {
        List<String> out = new ArrayList<>();
        if (call.getArguments() instanceof TupleExpression tuple) {
            for (var e : tuple.getExpressions()) {
                if (e instanceof MapExpression map) {
                    map.getMapEntryExpressions()
                            .forEach(entry -> out.add(entry.getKeyExpression().getText()));
                }
            }
        }
        return out;
    }
}
