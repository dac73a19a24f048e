package io.mlopsci.jenkins.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Every Jenkins type and member the plugin's production classes (compiled here against the stubs)
 * and its JenkinsRule test sources use exists in the real Jenkins API
 * ({@code jenkins-plugin/api/}, read from the real sources): what the stubs alone cannot prove.
 */
class ApiConformanceTest {

    static JenkinsApi api;

    static Path dir(String property) {
        return Path.of(System.getProperty(property)).toAbsolutePath().normalize();
    }

    @BeforeAll
    static void loadTheRealApi() throws IOException {
        api = JenkinsApi.load(dir("mlops.jenkinsApi"));
    }

    /** The plugin's compiled production classes (this module compiles ../src/main/java). */
    static Map<String, byte[]> pluginClasses() throws IOException {
        Path classes = dir("mlops.pluginClasses");
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(f).toString().replace('\\', '/');
                out.put(name.substring(0, name.length() - ".class".length()), Files.readAllBytes(f));
            }
        }
        return out;
    }

    @Test
    void theProductionClassesUseOnlyRealJenkinsApi() throws IOException {
        Map<String, byte[]> classes = pluginClasses();
        assertThat(classes).as("the plugin's classes").containsKey("io/mlopsci/jenkins/MlopsStepExecution");
        BytecodeConformance check = new BytecodeConformance(api, getClass().getClassLoader());
        List<String> findings = check.check(classes);
        System.out.printf(
                "API conformance: %d classes, %d Jenkins type references and %d member references checked%n",
                classes.size(), check.checkedTypes(), check.checkedMembers());
        assertThat(findings).as("references the real Jenkins API does not have").isEmpty();
        assertThat(check.checkedMembers())
                .as("the check saw the plugin's Jenkins calls")
                .isGreaterThan(150);
    }

    @Test
    void theJenkinsRuleTestSourcesUseOnlyRealJenkinsApi() throws IOException {
        TestSourceConformance check = new TestSourceConformance(api);
        List<String> findings = check.check(dir("mlops.jenkinsRuleTests"));
        System.out.printf(
                "API conformance of the JenkinsRule tests: %d references checked, %d calls with an unstated receiver"
                        + " type not checked%n",
                check.checked(), check.unresolved());
        assertThat(findings).as("references the real Jenkins API does not have").isEmpty();
        assertThat(check.checked()).isGreaterThan(100);
    }

    /** The check bites: references the real API lacks are reported, each in words. */
    @Test
    void aFakeReferenceInTheBytecodeIsReported() {
        ClassWriter w = new ClassWriter(0);
        w.visit(
                Opcodes.V17,
                Opcodes.ACC_PUBLIC,
                "io/mlopsci/jenkins/Fake",
                null,
                "org/jenkinsci/plugins/workflow/graph/FlowNode",
                null);
        // overrides a method only the stub has
        MethodVisitor m = w.visitMethod(
                Opcodes.ACC_PUBLIC,
                "stubEnclosedBy",
                "([Lorg/jenkinsci/plugins/workflow/graph/BlockStartNode;)V",
                null,
                null);
        m.visitCode();
        m.visitInsn(Opcodes.RETURN);
        m.visitMaxs(0, 2);
        m.visitEnd();
        MethodVisitor c =
                w.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "calls", "(Lhudson/FilePath;)V", null, null);
        c.visitCode();
        c.visitVarInsn(Opcodes.ALOAD, 0);
        c.visitLdcInsn("x");
        c.visitMethodInsn(
                Opcodes.INVOKEVIRTUAL, "hudson/FilePath", "childOf", "(Ljava/lang/String;)Lhudson/FilePath;", false);
        c.visitInsn(Opcodes.POP);
        c.visitVarInsn(Opcodes.ALOAD, 0);
        c.visitLdcInsn("x");
        c.visitMethodInsn(
                Opcodes.INVOKEVIRTUAL, "hudson/FilePath", "child", "(Ljava/lang/String;)Lhudson/FilePath;", false);
        c.visitInsn(Opcodes.POP);
        c.visitFieldInsn(Opcodes.GETSTATIC, "hudson/model/Result", "GREEN", "Lhudson/model/Result;");
        c.visitInsn(Opcodes.POP);
        c.visitTypeInsn(Opcodes.NEW, "hudson/model/NoSuchThing");
        c.visitInsn(Opcodes.POP);
        c.visitInsn(Opcodes.RETURN);
        c.visitMaxs(3, 1);
        c.visitEnd();
        w.visitEnd();

        List<String> findings = new BytecodeConformance(api, getClass().getClassLoader())
                .check(Map.of("io/mlopsci/jenkins/Fake", w.toByteArray()));
        assertThat(findings)
                .anySatisfy(f -> assertThat(f).contains("hudson.FilePath#childOf(String):FilePath does not exist"))
                .anySatisfy(f -> assertThat(f).contains("hudson.model.Result#GREEN:Result does not exist"))
                .anySatisfy(f -> assertThat(f).contains("type hudson.model.NoSuchThing does not exist"))
                .anySatisfy(f -> assertThat(f)
                        .contains(
                                "overrides org.jenkinsci.plugins.workflow.graph.FlowNode#stubEnclosedBy(BlockStartNode[]):void"
                                        + " of the stubs, which the real API does not have"))
                .noneSatisfy(f -> assertThat(f).contains("#child(String)"));
    }

    @Test
    void aFakeCallOrAHiddenTestExtensionInTheTestSourcesIsReported() {
        List<String> findings = new TestSourceConformance(api).checkSource("Fake.java", """
                package io.mlopsci.jenkins;
                import hudson.model.Label;
                import io.jenkins.plugins.checks.util.CapturingChecksPublisher;
                import org.jvnet.hudson.test.JenkinsRule;
                import org.jvnet.hudson.test.TestExtension;
                import org.jvnet.hudson.test.NoSuchRule;
                class Fake {
                    @TestExtension
                    public static final CapturingChecksPublisher.Factory CHECKS = new CapturingChecksPublisher.Factory();
                    void t(JenkinsRule j) throws Exception {
                        j.createOnlineAgent(Label.get("x"));
                        j.createOnlineSlave(Label.get("x"));
                        j.jenkins.getNoSuchThing();
                    }
                }
                """);
        assertThat(findings)
                .anySatisfy(
                        f -> assertThat(f).contains("import org.jvnet.hudson.test.NoSuchRule is not in the real API"))
                .anySatisfy(f ->
                        assertThat(f).contains("JenkinsRule#createOnlineAgent with 1 arguments is not in the real API"))
                .anySatisfy(f -> assertThat(f).contains("jenkins.model.Jenkins#getNoSuchThing with 0 arguments"))
                .anySatisfy(f -> assertThat(f)
                        .contains("the @TestExtension CHECKS is in Fake, which is not a public (static) class"))
                .noneSatisfy(f -> assertThat(f).contains("createOnlineSlave"));
    }
}
