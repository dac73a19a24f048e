package io.mlopsci.jenkins.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code jenkins-plugin/api/pom-facts.txt} and {@code artifacts.txt} say about the pinned
 * parent, the BOM, and which artifact provides each package and Pipeline step.
 */
record PomFacts(
        String parentVersion,
        String bom,
        String bomVersion,
        Set<String> properties,
        Map<String, String> overridable,
        Set<String> parentManages,
        Map<String, String> parentAdds,
        Set<String> bomManages,
        Map<String, Provider> packages,
        Map<String, String> steps) {

    /** An artifact providing a package, maybe through another one (HtmlUnit through the test harness). */
    record Provider(String artifact, String via) {}

    static PomFacts load(Path apiDir) throws IOException {
        String parentVersion = null;
        String bom = null;
        String bomVersion = null;
        Set<String> properties = new LinkedHashSet<>();
        Map<String, String> overridable = new LinkedHashMap<>();
        Set<String> parentManages = new LinkedHashSet<>();
        Map<String, String> parentAdds = new LinkedHashMap<>();
        Set<String> bomManages = new LinkedHashSet<>();
        for (String line : lines(apiDir.resolve("pom-facts.txt"))) {
            String[] w = line.split(" ", 3);
            switch (w[0]) {
                case "parent-version" -> parentVersion = w[1];
                case "bom" -> {
                    bom = w[1];
                    bomVersion = w[2];
                }
                case "property" -> properties.add(w[1]);
                case "overridable" -> overridable.put(w[1], w.length > 2 ? w[2] : "");
                case "parent-manages" -> parentManages.add(w[1]);
                case "parent-adds" -> parentAdds.put(w[1], w[2]);
                case "bom-manages" -> bomManages.add(w[1]);
                default -> throw new IllegalArgumentException("pom-facts.txt: unknown line " + line);
            }
        }
        Map<String, Provider> packages = new LinkedHashMap<>();
        Map<String, String> steps = new LinkedHashMap<>();
        for (String line : lines(apiDir.resolve("artifacts.txt"))) {
            String[] w = line.split(" ");
            switch (w[0]) {
                case "package" -> packages.put(w[1], new Provider(w[2], w.length > 4 ? w[4] : null));
                case "step" -> steps.put(w[1], w[2]);
                default -> throw new IllegalArgumentException("artifacts.txt: unknown line " + line);
            }
        }
        return new PomFacts(
                parentVersion,
                bom,
                bomVersion,
                properties,
                overridable,
                parentManages,
                parentAdds,
                bomManages,
                packages,
                steps);
    }

    private static List<String> lines(Path p) throws IOException {
        List<String> out = new ArrayList<>();
        for (String l : Files.readAllLines(p)) {
            if (!l.isBlank() && !l.startsWith("#")) {
                out.add(l.trim());
            }
        }
        return out;
    }

    /** The artifact that provides a class or package name (longest matching prefix). */
    Optional<Provider> provider(String name) {
        String best = null;
        for (String prefix : packages.keySet()) {
            if ((name.equals(prefix) || name.startsWith(prefix + "."))
                    && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        return Optional.ofNullable(best).map(packages::get);
    }

    /** Whether the parent or the BOM manages {@code G:A[:classifier]}. */
    boolean manages(String gac) {
        String ga = gac.split(":").length > 2 ? gac.substring(0, gac.lastIndexOf(':')) : gac;
        String group = ga.substring(0, ga.indexOf(':'));
        return bomManages.contains(gac) || parentManages.contains(ga) || parentManages.contains(group + ":*");
    }
}
