package io.mlopsci.jenkins.conformance;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Checks {@code jenkins-plugin/pom.xml} against the pinned parent and BOM: the pinned versions; no
 * property of its own that shadows one of the parent's (unless the parent invites setting it);
 * every dependency managed by the BOM or the parent (or, for the few neither manages, pinned);
 * every package the code imports provided by a dependency of the right scope; every Pipeline step
 * the test scripts call provided by a plugin on the test class path.
 */
final class PomConformance {

    /** A dependency: {@code G:A[:classifier]}, its scope and its explicit version (null when managed). */
    record Dependency(String gac, String scope, String version) {}

    private final PomFacts facts;
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final List<Dependency> dependencies = new ArrayList<>();
    private final List<String> findings = new ArrayList<>();
    private final Document pom;

    PomConformance(PomFacts facts, String pomXml) throws Exception {
        this.facts = facts;
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(false);
        this.pom = f.newDocumentBuilder().parse(new ByteArrayInputStream(pomXml.getBytes(StandardCharsets.UTF_8)));
        Element props = child(pom.getDocumentElement(), "properties");
        if (props != null) {
            for (Element p : children(props)) {
                properties.put(p.getTagName(), p.getTextContent().trim());
            }
        }
        Element deps = child(pom.getDocumentElement(), "dependencies");
        if (deps != null) {
            for (Element d : children(deps)) {
                String classifier = text(d, "classifier");
                dependencies.add(new Dependency(
                        text(d, "groupId") + ":" + text(d, "artifactId") + (classifier == null ? "" : ":" + classifier),
                        text(d, "scope") == null ? "compile" : text(d, "scope"),
                        text(d, "version")));
            }
        }
    }

    List<Dependency> dependencies() {
        return List.copyOf(dependencies);
    }

    List<String> findings() {
        return List.copyOf(findings);
    }

    /** The parent and BOM are the pinned ones; the plugin's properties do not shadow the parent's. */
    void checkParentBomAndProperties() {
        Element parent = child(pom.getDocumentElement(), "parent");
        String parentGa = text(parent, "groupId") + ":" + text(parent, "artifactId");
        if (!parentGa.equals("org.jenkins-ci.plugins:plugin")
                || !facts.parentVersion().equals(text(parent, "version"))) {
            findings.add("the parent is " + parentGa + ":" + text(parent, "version") + ", the facts are for"
                    + " org.jenkins-ci.plugins:plugin:" + facts.parentVersion());
        }
        for (String name : properties.keySet()) {
            if (facts.properties().contains(name) && !facts.overridable().containsKey(name)) {
                findings.add("the property " + name + " shadows the parent's own " + name
                        + " (the parent uses it; give this one a name of its own)");
            }
        }
        boolean bomImported = false;
        Element dm = child(pom.getDocumentElement(), "dependencyManagement");
        for (Element d : dm == null ? List.<Element>of() : children(child(dm, "dependencies"))) {
            String ga = interpolate(text(d, "groupId")) + ":" + interpolate(text(d, "artifactId"));
            if ("import".equals(text(d, "scope"))) {
                String version = interpolate(text(d, "version"));
                if (ga.equals(facts.bom()) && version.equals(facts.bomVersion())) {
                    bomImported = true;
                } else {
                    findings.add("imports " + ga + ":" + version + "; the facts are for " + facts.bom() + ":"
                            + facts.bomVersion());
                }
            }
        }
        if (!bomImported) {
            findings.add("the BOM " + facts.bom() + ":" + facts.bomVersion() + " is not imported");
        }
    }

    /** Every dependency is managed by the BOM or the parent, or pinned here when neither manages it. */
    void checkManaged(Map<String, String> pinnedElsewhere) {
        for (Dependency d : dependencies) {
            boolean managed = facts.manages(d.gac());
            if (managed && d.version() != null) {
                findings.add(
                        d.gac() + " is managed by the BOM or the parent but overrides its version with " + d.version());
            } else if (!managed && d.version() == null) {
                findings.add(d.gac() + " is managed neither by the BOM nor by the parent, and has no version");
            } else if (!managed) {
                String expected = pinnedElsewhere.get(d.gac());
                String actual = interpolate(d.version());
                if (expected == null) {
                    findings.add(d.gac() + " is not managed by the BOM or the parent; it may only be pinned where the"
                            + " project pins it (the root pom's dependencyManagement)");
                } else if (!expected.equals(actual)) {
                    findings.add(d.gac() + " is pinned to " + actual + " here but " + expected + " in the root pom");
                }
            }
        }
    }

    /** Every import is provided by a dependency (or the parent's) whose scope reaches the code that imports it. */
    void checkImports(String what, Set<String> imports, boolean test) {
        for (String imp : imports) {
            if (imp.startsWith("java.") || imp.startsWith("javax.") || imp.startsWith("io.mlopsci.")) {
                continue;
            }
            var provider = facts.provider(imp);
            if (provider.isEmpty()) {
                findings.add(what + " import " + imp + ": no artifact for it in jenkins-plugin/api/artifacts.txt");
                continue;
            }
            String artifact = provider.get().via() != null
                    ? provider.get().via()
                    : provider.get().artifact();
            String scope = scopeOf(artifact);
            if (scope == null) {
                findings.add(
                        what + " import " + imp + " needs " + provider.get().artifact()
                                + (provider.get().via() != null
                                        ? " (through " + provider.get().via() + ")"
                                        : "")
                                + ", which is not a dependency");
            } else if (!test && scope.equals("test")) {
                findings.add(what + " import " + imp + " needs " + artifact + " at run time, but it is test-scoped");
            }
        }
    }

    /** Every step a test Pipeline calls is provided by a plugin the tests have. */
    void checkSteps(List<String> scripts, Set<String> ownSteps) {
        Set<String> used = new LinkedHashSet<>();
        for (String script : scripts) {
            used.addAll(steps(script));
        }
        for (String step : used) {
            if (ownSteps.contains(step)) {
                continue;
            }
            String artifact = facts.steps().get(step);
            if (artifact == null) {
                findings.add("the test Pipelines call '" + step
                        + "', which no plugin in jenkins-plugin/api/artifacts.txt" + " provides");
            } else if (scopeOf(artifact) == null) {
                findings.add("the test Pipelines call '" + step + "', provided by " + artifact
                        + ", which is not a (test) dependency");
            }
        }
    }

    /** A statement: an identifier taking arguments ({@code (}, a string, a map entry) or a block. */
    private static final Pattern STATEMENT =
            Pattern.compile("^\\s*(?:def\\s+\\w+\\s*=\\s*)?([a-z][A-Za-z0-9_]*)\\s*(?:\\(|'|\"|\\{|[a-z]\\w*\\s*:)");

    private static final Set<String> GROOVY = Set.of(
            "def", "if", "else", "for", "while", "return", "try", "catch", "finally", "new", "assert", "throw",
            "switch", "case", "in", "true", "false", "null");

    /** The step names a Pipeline script calls: what starts a statement (a line, or after a brace or semicolon). */
    static Set<String> steps(String script) {
        Set<String> out = new LinkedHashSet<>();
        for (String line : script.split("\n")) {
            for (String segment : line.split("[{;]")) {
                Matcher m = STATEMENT.matcher(segment);
                if (m.find() && !GROOVY.contains(m.group(1))) {
                    out.add(m.group(1));
                }
            }
        }
        return out;
    }

    /** The scope through which an artifact reaches the plugin (own dependency or the parent's), or null. */
    String scopeOf(String gac) {
        for (Dependency d : dependencies) {
            if (d.gac().equals(gac)) {
                return d.scope();
            }
        }
        return facts.parentAdds().get(gac);
    }

    String interpolate(String s) {
        if (s == null) {
            return null;
        }
        Matcher m = Pattern.compile("\\$\\{([^}]+)}").matcher(s);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String v = properties.get(m.group(1));
            m.appendReplacement(b, Matcher.quoteReplacement(v == null ? m.group() : interpolate(v)));
        }
        m.appendTail(b);
        return b.toString();
    }

    private static Element child(Element e, String name) {
        if (e == null) {
            return null;
        }
        for (Element c : children(e)) {
            if (c.getTagName().equals(name)) {
                return c;
            }
        }
        return null;
    }

    private static List<Element> children(Element e) {
        List<Element> out = new ArrayList<>();
        if (e == null) {
            return out;
        }
        NodeList nl = e.getChildNodes();
        for (int i = 0; i < nl.getLength(); i++) {
            if (nl.item(i).getNodeType() == Node.ELEMENT_NODE) {
                out.add((Element) nl.item(i));
            }
        }
        return out;
    }

    private static String text(Element e, String name) {
        Element c = child(e, name);
        return c == null ? null : c.getTextContent().trim();
    }
}
