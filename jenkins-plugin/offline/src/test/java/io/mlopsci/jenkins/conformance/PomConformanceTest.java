package io.mlopsci.jenkins.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsci.jenkins.MlopsDeployCanaryStep;
import io.mlopsci.jenkins.MlopsEvaluateGateStep;
import io.mlopsci.jenkins.MlopsPackageStep;
import io.mlopsci.jenkins.MlopsRollbackStep;
import io.mlopsci.jenkins.MlopsRunStep;
import io.mlopsci.jenkins.MlopsStep;
import io.mlopsci.jenkins.MlopsTrainStep;
import io.mlopsci.jenkins.MlopsValidateDataStep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code jenkins-plugin/pom.xml} against the pinned parent and BOM ({@code jenkins-plugin/api/},
 * read from jenkinsci/plugin-pom and jenkinsci/bom): what would break {@code ./mvnw -Pjenkins
 * verify} before it starts, and what would make the JenkinsRule tests fail to compile or run.
 */
class PomConformanceTest {

    static PomFacts facts;
    static String pluginPom;
    static TestSourceConformance testSources;

    @BeforeAll
    static void load() throws Exception {
        facts = PomFacts.load(ApiConformanceTest.dir("mlops.jenkinsApi"));
        pluginPom = Files.readString(ApiConformanceTest.dir("mlops.pluginPom"));
        testSources = new TestSourceConformance(JenkinsApi.load(ApiConformanceTest.dir("mlops.jenkinsApi")));
        testSources.check(ApiConformanceTest.dir("mlops.jenkinsRuleTests"));
    }

    /** What the root pom pins (G:A to version), where the project pins every version once. */
    static Map<String, String> rootPins() throws Exception {
        Element root = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(ApiConformanceTest.dir("mlops.rootPom").toFile())
                .getDocumentElement();
        Map<String, String> props = new HashMap<>();
        // The project's own modules (the contract) are pinned to the project's version.
        for (int i = 0; i < root.getChildNodes().getLength(); i++) {
            if (root.getChildNodes().item(i) instanceof Element e
                    && e.getTagName().equals("version")) {
                props.put("project.version", e.getTextContent().trim());
            }
        }
        NodeList p = ((Element) root.getElementsByTagName("properties").item(0)).getChildNodes();
        for (int i = 0; i < p.getLength(); i++) {
            if (p.item(i) instanceof Element e) {
                props.put(e.getTagName(), e.getTextContent().trim());
            }
        }
        Map<String, String> pins = new HashMap<>();
        NodeList deps = ((Element)
                        root.getElementsByTagName("dependencyManagement").item(0))
                .getElementsByTagName("dependency");
        for (int i = 0; i < deps.getLength(); i++) {
            Element d = (Element) deps.item(i);
            String v =
                    d.getElementsByTagName("version").item(0).getTextContent().trim();
            Matcher m = Pattern.compile("\\$\\{(.+)}").matcher(v);
            pins.put(
                    d.getElementsByTagName("groupId").item(0).getTextContent().trim() + ":"
                            + d.getElementsByTagName("artifactId")
                                    .item(0)
                                    .getTextContent()
                                    .trim(),
                    m.matches() ? props.get(m.group(1)) : v);
        }
        return pins;
    }

    static Set<String> imports(Path dir) throws IOException {
        Set<String> out = new LinkedHashSet<>();
        Pattern imp = Pattern.compile("(?m)^import\\s+(static\\s+)?([\\w.]+?)(\\.\\*)?;");
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(x -> x.toString().endsWith(".java")).toList()) {
                Matcher m = imp.matcher(Files.readString(f));
                while (m.find()) {
                    String name = m.group(2);
                    // a static import names a member: keep its class
                    out.add(m.group(1) != null ? name.substring(0, name.lastIndexOf('.')) : name);
                }
            }
        }
        return out;
    }

    static Set<String> ownSteps() {
        Set<String> out = new LinkedHashSet<>();
        for (MlopsStep s : List.of(
                new MlopsValidateDataStep(),
                new MlopsTrainStep(),
                new MlopsEvaluateGateStep(),
                new MlopsPackageStep(),
                new MlopsDeployCanaryStep(),
                new MlopsRollbackStep(),
                new MlopsRunStep())) {
            out.add(((StepDescriptor) s.getDescriptor()).getFunctionName());
        }
        return out;
    }

    static List<String> check(String pom) throws Exception {
        PomConformance c = new PomConformance(facts, pom);
        c.checkParentBomAndProperties();
        c.checkManaged(rootPins());
        c.checkImports(
                "the plugin's",
                imports(ApiConformanceTest.dir("mlops.pluginSources").resolve("java")),
                false);
        c.checkImports("a JenkinsRule test's", imports(ApiConformanceTest.dir("mlops.jenkinsRuleTests")), true);
        c.checkSteps(testSources.pipelineScripts(), ownSteps());
        return c.findings();
    }

    @Test
    void thePluginPomFitsThePinnedParentAndBom() throws Exception {
        assertThat(check(pluginPom)).isEmpty();
        assertThat(testSources.pipelineScripts())
                .as("the test Pipelines were found")
                .hasSizeGreaterThan(5);
        assertThat(PomConformance.steps(String.join("\n", testSources.pipelineScripts())))
                .contains("node", "stage", "parallel", "echo", "mlopsTrain", "mlopsEvaluateGate");
    }

    /** The check bites: each of the POM problems, put back, is reported in words. */
    @Test
    void theProblemsTheRealBuildHitAreReported() throws Exception {
        String shadowing = pluginPom
                .replace("plugin-bom.version>", "jenkins-bom.version>")
                .replace("${plugin-bom.version}", "${jenkins-bom.version}");
        assertThat(check(shadowing))
                .anySatisfy(f -> assertThat(f).contains("the property jenkins-bom.version shadows the parent's own"));

        String noStage = pluginPom.replaceAll("(?s)<dependency>\\s*<!--[^>]*stage[^>]*-->.*?</dependency>", "");
        assertThat(noStage).doesNotContain("pipeline-stage-step");
        assertThat(check(noStage))
                .anySatisfy(f ->
                        assertThat(f).contains("call 'stage', provided by org.jenkins-ci.plugins:pipeline-stage-step"));

        String noAssertj =
                pluginPom.replaceAll("(?s)<dependency>\\s*<groupId>org.assertj</groupId>.*?</dependency>", "");
        assertThat(check(noAssertj))
                .anySatisfy(f -> assertThat(f)
                        .contains("import org.assertj.core.api.Assertions needs org.assertj:assertj-core"));

        String overriding = pluginPom.replace(
                "<artifactId>durable-task</artifactId>", "<artifactId>durable-task</artifactId><version>1.0</version>");
        assertThat(check(overriding))
                .anySatisfy(f -> assertThat(f).contains("org.jenkins-ci.plugins:durable-task is managed by the BOM"));

        String durableForTestsOnly = pluginPom.replace(
                "<artifactId>durable-task</artifactId>", "<artifactId>durable-task</artifactId><scope>test</scope>");
        assertThat(check(durableForTestsOnly))
                .anySatisfy(f -> assertThat(f)
                        .contains("the plugin's import org.jenkinsci.plugins.durabletask")
                        .contains("test-scoped"));
    }
}
