package io.mlopsci.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * What Jenkins would only find at run time, checked at build time: the plugin links nothing from
 * the engine; every step parameter has help; the forms and pages are well-formed and refer only to
 * properties and methods that exist; every stub names the real source it mirrors.
 */
class PluginSourcesTest {

    private static final List<Class<? extends MlopsStep>> STEPS = List.of(
            MlopsValidateDataStep.class,
            MlopsTrainStep.class,
            MlopsEvaluateGateStep.class,
            MlopsPackageStep.class,
            MlopsDeployCanaryStep.class,
            MlopsRollbackStep.class,
            MlopsRunStep.class,
            MlopsMonitorStep.class);

    private static Path pluginSources() {
        return Path.of(System.getProperty("mlops.pluginSources", "../src/main"));
    }

    private static List<Path> files(Path dir, String suffix) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }

    @Test
    void thePluginImportsNothingFromTheEngine() throws IOException {
        List<Path> sources = files(pluginSources().resolve("java"), ".java");
        assertThat(sources).hasSizeGreaterThan(20);
        for (Path p : sources) {
            assertThat(Files.readString(p)).as(p.toString()).doesNotContain("io.mlopsci.core");
        }
    }

    /** Help as Jenkins looks it up: {@code <Class>/help-<field>.html}, walking up the class hierarchy. */
    private static URL help(Class<?> type, String field) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            URL u = c.getClassLoader() == null
                    ? null
                    : c.getClassLoader()
                            .getResource(c.getName().replace('.', '/') + "/help" + (field == null ? "" : "-" + field)
                                    + ".html");
            if (u != null) {
                return u;
            }
        }
        return null;
    }

    private static Set<String> boundProperties(Class<?> type) {
        Set<String> out = new LinkedHashSet<>();
        for (Method m : type.getMethods()) {
            if (m.isAnnotationPresent(DataBoundSetter.class)) {
                out.add(Character.toLowerCase(m.getName().charAt(3))
                        + m.getName().substring(4));
            }
        }
        return out;
    }

    @Test
    void everyStepAndEveryParameterHasHelp() {
        for (Class<? extends MlopsStep> step : STEPS) {
            assertThat(help(step, null)).as(step.getSimpleName() + "/help.html").isNotNull();
            for (String p : boundProperties(step)) {
                assertThat(help(step, p))
                        .as(step.getSimpleName() + " help-" + p + ".html")
                        .isNotNull();
            }
        }
        for (String p : boundProperties(MlopsGlobalConfiguration.class)) {
            assertThat(help(MlopsGlobalConfiguration.class, p))
                    .as("global help-" + p)
                    .isNotNull();
        }
    }

    private static org.w3c.dom.Document xml(Path p) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(p.toFile());
    }

    private static boolean hasProperty(Class<?> type, String name) {
        String cap = name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
        return Arrays.stream(type.getMethods())
                .anyMatch(m -> m.getName().equals("get" + cap)
                        || m.getName().equals("is" + cap)
                        || m.getName().equals(name)
                        || m.getName().equals("do" + cap));
    }

    /** {@code ${var.name}} references in a Jelly file. */
    private static Set<String> references(String jelly, String var) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = Pattern.compile("\\b" + var + "\\.([A-Za-z]+)").matcher(jelly);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void pagesAndFormsAreWellFormedAndReferToWhatExists() throws Exception {
        Path views = pluginSources().resolve("resources/io/mlopsci/jenkins");
        List<Path> jellies = files(views, ".jelly");
        assertThat(jellies).hasSize(5);
        for (Path p : jellies) {
            xml(p);
            assertThat(Files.readString(p))
                    .as(p + " escapes by default")
                    .startsWith("<?jelly escape-by-default='true'?>");
        }
        for (Path p : files(views, ".html")) {
            assertThat(xml(p).getDocumentElement().getTagName())
                    .as(p.toString())
                    .isEqualTo("div");
        }

        String summary = Files.readString(views.resolve("MlopsResultAction/summary.jelly"));
        String index = Files.readString(views.resolve("MlopsResultAction/index.jelly"));
        for (String ref : concat(references(summary, "it"), references(index, "it"))) {
            assertThat(hasProperty(MlopsResultAction.class, ref))
                    .as("MlopsResultAction has " + ref)
                    .isTrue();
        }
        for (String ref : concat(references(summary, "row"), references(index, "row"))) {
            assertThat(hasProperty(CriterionRow.class, ref))
                    .as("CriterionRow has " + ref)
                    .isTrue();
        }
        for (String ref : references(index, "s")) {
            assertThat(hasProperty(io.mlopsci.contract.result.StepSummary.class, ref))
                    .as("StepLine has " + ref)
                    .isTrue();
        }

        String form = Files.readString(views.resolve("MlopsStep/config.jelly"));
        Set<String> fields = fields(form);
        Set<String> stepProperties = new LinkedHashSet<>(boundProperties(MlopsStep.class));
        stepProperties.addAll(boundProperties(MlopsTrainStep.class));
        stepProperties.addAll(boundProperties(MlopsMonitorStep.class));
        assertThat(fields).as("the form offers every parameter").containsExactlyInAnyOrderElementsOf(stepProperties);
        for (String ref : references(form, "descriptor")) {
            assertThat(hasProperty(MlopsStepDescriptor.class, ref))
                    .as("MlopsStepDescriptor has " + ref)
                    .isTrue();
        }
        assertThat(selects(form))
                .containsExactlyInAnyOrder(
                        "failOn",
                        "unstableOn",
                        "mlflowCredentialsId",
                        "registryCredentialsId",
                        "githubCredentialsId",
                        "githubComment",
                        "engine");
        for (String select : selects(form)) {
            assertThat(hasProperty(MlopsStepDescriptor.class, "fill" + capitalize(select) + "Items"))
                    .as("doFill" + capitalize(select) + "Items")
                    .isTrue();
        }
        String installer = Files.readString(views.resolve("tool/MlopsEngineInstaller/config.jelly"));
        assertThat(fields(installer))
                .containsExactlyInAnyOrderElementsOf(
                        boundProperties(io.mlopsci.jenkins.tool.MlopsEngineInstaller.class));
        for (String field : fields(installer)) {
            assertThat(help(io.mlopsci.jenkins.tool.MlopsEngineInstaller.class, field))
                    .as("installer help-" + field)
                    .isNotNull();
        }
        String global = Files.readString(views.resolve("MlopsGlobalConfiguration/config.jelly"));
        assertThat(fields(global)).containsExactlyInAnyOrderElementsOf(boundProperties(MlopsGlobalConfiguration.class));
        for (String select : selects(global)) {
            assertThat(hasProperty(MlopsGlobalConfiguration.class, "fill" + capitalize(select) + "Items"))
                    .isTrue();
        }
    }

    private static Set<String> fields(String form) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = Pattern.compile("field=\"([A-Za-z]+)\"").matcher(form);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** Fields rendered as drop-downs (f:select or c:select), which Stapler fills from doFill...Items. */
    private static Set<String> selects(String form) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m =
                Pattern.compile("field=\"([A-Za-z]+)\"[^>]*>\\s*<[fc]:select").matcher(form);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static String capitalize(String s) {
        return s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }

    private static Set<String> concat(Set<String> a, Set<String> b) {
        Set<String> out = new LinkedHashSet<>(a);
        out.addAll(b);
        return out;
    }

    @Test
    void everyStubNamesTheRealSourceItMirrors() throws IOException {
        Path stubs = pluginSources().resolve("../../stubs/src/main/java").normalize();
        List<String> missing = new ArrayList<>();
        for (Path p : files(stubs, ".java")) {
            // The header comment, as one line again (the formatter wraps it).
            String first = Files.readAllLines(p).stream()
                    .takeWhile(l -> l.startsWith("//"))
                    .map(l -> l.substring(2).strip())
                    .collect(Collectors.joining(" ", "// ", ""));
            if (!first.matches("// Stub of (jenkinsci|spring-projects)/\\S+ \\S+\\.java — .*")) {
                missing.add(stubs.relativize(p) + ": " + first);
            }
        }
        assertThat(missing).isEmpty();
    }
}
