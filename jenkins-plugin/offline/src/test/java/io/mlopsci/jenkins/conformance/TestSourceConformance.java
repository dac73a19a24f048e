package io.mlopsci.jenkins.conformance;

import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.StaticJavaParser;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.Modifier;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Checks the JenkinsRule test sources (which cannot be compiled here) against the real API:
 * every Jenkins type they import or name exists; every call whose receiver's type the source
 * states (a declared variable, a field, {@code new}, a static call, or a chain through members
 * whose return type is known) names a member that exists with that number of arguments; every
 * {@code @Override} in a class extending a Jenkins type overrides something real; every
 * {@code @TestExtension} sits in a public class. Without the real jars it matches members by name
 * and arity, not argument types; calls whose receiver type is not stated are counted, not checked.
 */
final class TestSourceConformance {

    /** Packages whose types are Jenkins API (to be found in the signatures). */
    static final List<String> JENKINS_PACKAGES = List.of(
            "hudson.",
            "jenkins.",
            "org.jenkinsci.",
            "org.jvnet.hudson.",
            "io.jenkins.",
            "com.cloudbees.",
            "org.kohsuke.");

    /** Imports neither in the signatures nor on this class path, each with its reason. */
    static final Map<String, String> UNCHECKED_IMPORTS = Map.of(
            "org.htmlunit.",
            "HtmlUnit, jenkins-test-harness's web client (a Maven Central library, not Jenkins API); the POM check"
                    + " verifies jenkins-test-harness provides it");

    private final JenkinsApi api;
    private final Set<String> findings = new LinkedHashSet<>();
    private final List<String> pipelineScripts = new ArrayList<>();
    private int checked;
    private int unresolved;

    TestSourceConformance(JenkinsApi api) {
        this.api = api;
        StaticJavaParser.getParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17);
    }

    List<String> check(Path testSources) throws IOException {
        try (Stream<Path> files = Files.walk(testSources)) {
            for (Path f :
                    files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                checkFile(testSources.relativize(f).toString(), StaticJavaParser.parse(f));
            }
        }
        return List.copyOf(findings);
    }

    /** Checks one source given as text (the check's own tests). */
    List<String> checkSource(String name, String code) {
        checkFile(name, StaticJavaParser.parse(code));
        return List.copyOf(findings);
    }

    int checked() {
        return checked;
    }

    int unresolved() {
        return unresolved;
    }

    /** The Pipeline scripts of the tests (text blocks and strings handed to CpsFlowDefinition or job(...)). */
    List<String> pipelineScripts() {
        return List.copyOf(pipelineScripts);
    }

    // ---- what a name in a file refers to

    /** A resolved type: a Jenkins type (by its name in the signatures) or a class on this class path. */
    record Ref(String jenkins, Class<?> cls) {
        static Ref of(String jenkins) {
            return new Ref(jenkins, null);
        }

        static Ref of(Class<?> cls) {
            return new Ref(null, cls);
        }
    }

    private final class FileScope {
        final String file;
        final String pkg;
        final Map<String, String> imports = new HashMap<>();
        final Map<String, String> variables = new HashMap<>();

        FileScope(String file, CompilationUnit cu) {
            this.file = file;
            this.pkg = cu.getPackageDeclaration().map(p -> p.getNameAsString()).orElse("");
            for (ImportDeclaration i : cu.getImports()) {
                if (!i.isStatic() && !i.isAsterisk()) {
                    String n = i.getNameAsString();
                    imports.put(n.substring(n.lastIndexOf('.') + 1), n);
                }
            }
        }

        /** A type as written in this file ({@code JenkinsRule.WebClient}, {@code WorkflowRun}, ...). */
        Optional<Ref> resolve(String written) {
            String[] parts = written.replaceAll("<.*>", "").trim().split("\\.");
            String first = parts[0];
            String fq = imports.get(first);
            StringBuilder nested = new StringBuilder();
            for (int i = 1; i < parts.length; i++) {
                nested.append('$').append(parts[i]);
            }
            if (fq != null) {
                return byName(fq + nested);
            }
            Optional<Ref> samePackage = byName(pkg + "." + first + nested);
            if (samePackage.isPresent()) {
                return samePackage;
            }
            return byName("java.lang." + first + nested);
        }
    }

    private Optional<Ref> byName(String fqn) {
        if (api.hasType(fqn)) {
            return Optional.of(Ref.of(fqn));
        }
        try {
            return Optional.of(Ref.of(Class.forName(fqn, false, getClass().getClassLoader())));
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
    }

    private static boolean isJenkinsName(String fqn) {
        return JENKINS_PACKAGES.stream().anyMatch(fqn::startsWith);
    }

    // ---- the checks

    private void checkFile(String file, CompilationUnit cu) {
        FileScope scope = new FileScope(file, cu);
        for (ImportDeclaration i : cu.getImports()) {
            String n = i.getNameAsString();
            if (i.isStatic()
                    || i.isAsterisk()
                    || UNCHECKED_IMPORTS.keySet().stream().anyMatch(n::startsWith)) {
                continue;
            }
            checked++;
            Optional<Ref> r = importRef(n);
            if (r.isEmpty()) {
                findings.add(file + ": import " + n
                        + (isJenkinsName(n) ? " is not in the real API" : " is not on the class path"));
            }
        }
        cu.findAll(VariableDeclarator.class)
                .forEach(v -> declare(scope, v.getNameAsString(), v.getType().asString(), v.getInitializer()));
        cu.findAll(Parameter.class)
                .forEach(p -> declare(scope, p.getNameAsString(), p.getType().asString(), Optional.empty()));
        cu.findAll(ClassOrInterfaceDeclaration.class).forEach(c -> checkClass(scope, c));
        cu.findAll(ObjectCreationExpr.class).forEach(n -> checkNew(scope, n));
        cu.findAll(MethodCallExpr.class).forEach(m -> typeOf(scope, m));
        cu.findAll(FieldDeclaration.class).forEach(f -> checkTestExtension(scope, f));
        for (TextBlockLiteralExpr t : cu.findAll(TextBlockLiteralExpr.class)) {
            pipelineScripts.add(t.asString());
        }
        for (ObjectCreationExpr n : cu.findAll(ObjectCreationExpr.class)) {
            if (n.getType().getNameAsString().equals("CpsFlowDefinition")
                    && !n.getArguments().isEmpty()
                    && n.getArgument(0) instanceof StringLiteralExpr s) {
                pipelineScripts.add(s.asString());
            }
        }
    }

    private Optional<Ref> importRef(String name) {
        Optional<Ref> r = byName(name);
        // a nested type imported by its canonical name: a.b.Outer.Inner
        for (int dot = name.lastIndexOf('.'); r.isEmpty() && dot > 0; dot = name.lastIndexOf('.', dot - 1)) {
            r = byName(name.substring(0, dot) + name.substring(dot).replace('.', '$'));
        }
        return r;
    }

    private void declare(FileScope scope, String name, String type, Optional<Expression> init) {
        if (type.equals("var")) {
            init.filter(Expression::isObjectCreationExpr)
                    .ifPresent(e -> scope.variables.put(
                            name, e.asObjectCreationExpr().getType().asString()));
        } else {
            scope.variables.put(name, type);
        }
    }

    private void checkClass(FileScope scope, ClassOrInterfaceDeclaration c) {
        List<Ref> supers = new ArrayList<>();
        for (ClassOrInterfaceType t : c.getExtendedTypes()) {
            checked++;
            Optional<Ref> r = scope.resolve(t.getNameWithScope());
            if (r.isEmpty()) {
                findings.add(
                        scope.file + ": " + c.getNameAsString() + " extends " + t + ", which is not in the real API");
            } else {
                supers.add(r.get());
            }
        }
        List<Ref> jenkinsSupers =
                supers.stream().filter(r -> r.jenkins() != null).toList();
        if (jenkinsSupers.isEmpty()) {
            return;
        }
        for (MethodDeclaration m : c.getMethods()) {
            if (m.getAnnotationByName("Override").isEmpty()) {
                continue;
            }
            checked++;
            boolean found = jenkinsSupers.stream()
                    .anyMatch(s -> !members(
                                    s, m.getNameAsString(), m.getParameters().size())
                            .isEmpty());
            if (!found) {
                findings.add(scope.file + ": " + c.getNameAsString() + "." + m.getNameAsString() + "("
                        + m.getParameters().size() + " parameters) overrides nothing in " + jenkinsSupers);
            }
        }
    }

    /** SezPoz reads a {@code @TestExtension} field reflectively: the classes around it must be public. */
    private void checkTestExtension(FileScope scope, FieldDeclaration f) {
        if (f.getAnnotations().stream()
                .map(AnnotationExpr::getNameAsString)
                .noneMatch(n -> n.equals("TestExtension"))) {
            return;
        }
        checked++;
        for (Node n = f.getParentNode().orElse(null);
                n != null;
                n = n.getParentNode().orElse(null)) {
            if (n instanceof TypeDeclaration<?> t) {
                boolean nested = t.getParentNode()
                        .filter(p -> p instanceof TypeDeclaration)
                        .isPresent();
                if (!t.hasModifier(Modifier.Keyword.PUBLIC) || (nested && !t.hasModifier(Modifier.Keyword.STATIC))) {
                    findings.add(scope.file + ": the @TestExtension "
                            + f.getVariable(0).getNameAsString() + " is in " + t.getNameAsString()
                            + ", which is not a public (static) class: SezPoz cannot read it");
                }
            }
        }
        if (!f.hasModifier(Modifier.Keyword.PUBLIC) || !f.hasModifier(Modifier.Keyword.STATIC)) {
            findings.add(scope.file + ": the @TestExtension " + f.getVariable(0).getNameAsString()
                    + " must be public static");
        }
    }

    private void checkNew(FileScope scope, ObjectCreationExpr n) {
        Optional<Ref> r = scope.resolve(n.getType().getNameWithScope());
        if (r.isEmpty()
                || r.get().jenkins() == null
                || n.getAnonymousClassBody().isPresent()) {
            return;
        }
        checked++;
        String t = r.get().jenkins();
        int arity = n.getArguments().size();
        boolean ok = api.declared(t).stream().anyMatch(m -> m.name().equals("<init>") && arity(m, arity))
                || (arity == 0 && !api.declaresConstructors(t));
        if (!ok) {
            findings.add(
                    scope.file + ": new " + t + " with " + arity + " arguments: no such constructor in the real API");
        }
    }

    private static boolean arity(JenkinsApi.Member m, int n) {
        return m.params() != null
                && (m.params().size() == n || m.isVarargs() && n >= m.params().size() - 1);
    }

    private List<JenkinsApi.Member> members(Ref owner, String name, int n) {
        return api.lookup(owner.jenkins(), name, new HashSet<>()).stream()
                .filter(m -> arity(m, n))
                .toList();
    }

    /** The type of an expression when the source states it; checks member references on the way. */
    private Optional<Ref> typeOf(FileScope scope, Expression e) {
        if (e instanceof NameExpr n) {
            String declared = scope.variables.get(n.getNameAsString());
            if (declared != null) {
                return scope.resolve(declared);
            }
            return scope.resolve(n.getNameAsString()); // a type: a static member follows
        }
        if (e instanceof ObjectCreationExpr o) {
            return scope.resolve(o.getType().getNameWithScope());
        }
        if (e instanceof FieldAccessExpr f) {
            Optional<Ref> owner = typeOf(scope, f.getScope());
            if (owner.isEmpty()) {
                // maybe a qualified type name (org.jenkinsci....StepDescriptor)
                return byName(f.toString()).or(() -> scope.resolve(f.toString()));
            }
            return field(scope, owner.get(), f.getNameAsString());
        }
        if (e instanceof MethodCallExpr m) {
            if (m.getScope().isEmpty()) {
                unresolved++; // a static import or the test's own method
                return Optional.empty();
            }
            Optional<Ref> owner = typeOf(scope, m.getScope().get());
            if (owner.isEmpty()) {
                unresolved++;
                return Optional.empty();
            }
            return call(scope, owner.get(), m);
        }
        return Optional.empty();
    }

    private Optional<Ref> field(FileScope scope, Ref owner, String name) {
        if (owner.jenkins() != null) {
            checked++;
            List<JenkinsApi.Member> fs = api.lookup(owner.jenkins(), name, new HashSet<>()).stream()
                    .filter(JenkinsApi.Member::isField)
                    .toList();
            if (fs.isEmpty()) {
                // a nested type (JenkinsRule.WebClient) rather than a field
                Optional<Ref> nested = byName(owner.jenkins() + "$" + name);
                if (nested.isEmpty()) {
                    findings.add(scope.file + ": " + owner.jenkins() + "#" + name + " is not in the real API");
                }
                return nested;
            }
            return returnType(fs.get(0), owner.jenkins());
        }
        try {
            return Optional.of(Ref.of(owner.cls().getField(name).getType()));
        } catch (NoSuchFieldException e) {
            return Optional.empty();
        }
    }

    private Optional<Ref> call(FileScope scope, Ref owner, MethodCallExpr m) {
        String name = m.getNameAsString();
        int n = m.getArguments().size();
        if (owner.jenkins() != null) {
            checked++;
            List<JenkinsApi.Member> found = members(owner, name, n);
            if (found.isEmpty() && !jdkMethod(owner, name, n)) {
                findings.add(scope.file + ": " + owner.jenkins() + "#" + name + " with " + n
                        + " arguments is not in the real API (" + m + ")");
                return Optional.empty();
            }
            Set<String> returns = new HashSet<>();
            found.forEach(f -> returns.add(String.valueOf(f.returns())));
            return returns.size() == 1 ? returnType(found.get(0), owner.jenkins()) : Optional.empty();
        }
        Class<?> c = owner.cls();
        List<Method> ms = new ArrayList<>();
        for (Method x : c.getMethods()) {
            if (x.getName().equals(name)
                    && (x.getParameterCount() == n || x.isVarArgs() && n >= x.getParameterCount() - 1)) {
                ms.add(x);
            }
        }
        if (c.getName().startsWith("io.mlopsci.")) {
            checked++;
            if (ms.isEmpty()) {
                findings.add(scope.file + ": " + c.getName() + "#" + name + " with " + n + " arguments does not exist ("
                        + m + ")");
            }
        }
        return ms.size() == 1 ? Optional.of(Ref.of(ms.get(0).getReturnType())) : Optional.empty();
    }

    private boolean jdkMethod(Ref owner, String name, int n) {
        Set<String> jdk = new HashSet<>();
        api.hierarchy(owner.jenkins(), jdk);
        jdk.add("Object");
        for (String s : jdk) {
            Class<?> c = JdkTypes.find(s);
            if (c != null) {
                for (Method x : c.getMethods()) {
                    if (x.getName().equals(name) && x.getParameterCount() == n) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private Optional<Ref> returnType(JenkinsApi.Member m, String context) {
        if (m.returns() == null
                || BytecodeConformance.isTypeVariable(m.returns().replace("[]", ""))) {
            return Optional.empty();
        }
        List<String> candidates = api.resolveVisible(m.returns(), m.owner());
        if (candidates.size() == 1) {
            return Optional.of(Ref.of(candidates.get(0)));
        }
        if (candidates.isEmpty()) {
            Class<?> jdk = JdkTypes.find(m.returns());
            return jdk == null ? Optional.empty() : Optional.of(Ref.of(jdk));
        }
        return Optional.empty();
    }
}
