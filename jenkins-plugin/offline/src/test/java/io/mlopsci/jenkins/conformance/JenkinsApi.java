package io.mlopsci.jenkins.conformance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * The real Jenkins API as {@code jenkins-plugin/api/signatures*.txt} describe it: types with their
 * supertypes, and members with erased parameter and return types (simple names). Members are found
 * through supertypes, as the compiler finds them; supertypes that are JDK types are looked up by
 * reflection in the running JDK.
 */
final class JenkinsApi {

    /** A type line: its kind ({@code class}, {@code interface}, ...) and its supertypes' simple names. */
    record Type(String name, String kind, List<String> supertypes) {}

    /**
     * A member line.
     *
     * @param params parameter simple names, null for a field or enum constant
     * @param returns return (or field) type, null for constructors and enum constants
     */
    record Member(String owner, String name, List<String> params, String returns, boolean isStatic) {
        boolean isField() {
            return params == null;
        }

        boolean isVarargs() {
            return params != null
                    && !params.isEmpty()
                    && params.get(params.size() - 1).endsWith("...");
        }
    }

    private final Map<String, Type> types = new HashMap<>();
    private final Map<String, List<Member>> members = new HashMap<>();
    private final Map<String, List<String>> bySimpleName = new HashMap<>();

    static JenkinsApi load(Path apiDir) throws IOException {
        JenkinsApi api = new JenkinsApi();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(apiDir.resolve("signatures.txt.gz")))) {
            api.read(in);
        }
        try (InputStream in = Files.newInputStream(apiDir.resolve("signatures-test-jars.txt"))) {
            api.read(in);
        }
        return api;
    }

    private void read(InputStream in) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line; (line = r.readLine()) != null; ) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int hash = line.indexOf('#');
            if (hash < 0) {
                String[] parts = line.split(" : ", 2);
                String[] head = parts[0].trim().split(" ", 2);
                List<String> supers = parts.length > 1 ? List.of(parts[1].trim().split(",")) : List.of();
                types.put(head[0], new Type(head[0], head.length > 1 ? head[1] : "class", supers));
                bySimpleName
                        .computeIfAbsent(simple(head[0]), k -> new ArrayList<>())
                        .add(head[0]);
            } else {
                String owner = line.substring(0, hash);
                String rest = line.substring(hash + 1);
                boolean isStatic = rest.endsWith(" static");
                if (isStatic) {
                    rest = rest.substring(0, rest.length() - " static".length());
                }
                Member m;
                int paren = rest.indexOf('(');
                if (paren >= 0) {
                    int close = rest.indexOf(')');
                    String ps = rest.substring(paren + 1, close);
                    String ret = close + 1 < rest.length() && rest.charAt(close + 1) == ':'
                            ? rest.substring(close + 2)
                            : null;
                    m = new Member(
                            owner,
                            rest.substring(0, paren),
                            ps.isEmpty() ? List.of() : List.of(ps.split(",")),
                            ret,
                            isStatic);
                } else if (rest.endsWith(" enum-constant")) {
                    m = new Member(
                            owner, rest.substring(0, rest.length() - " enum-constant".length()), null, null, true);
                } else {
                    int colon = rest.indexOf(':');
                    m = new Member(owner, rest.substring(0, colon), null, rest.substring(colon + 1), isStatic);
                }
                members.computeIfAbsent(owner, k -> new ArrayList<>()).add(m);
            }
        }
    }

    /** The simple name of a type: after the last {@code .} and {@code $}. */
    static String simple(String name) {
        String s = name.substring(name.lastIndexOf('.') + 1);
        return s.substring(s.lastIndexOf('$') + 1);
    }

    boolean hasType(String fqn) {
        return types.containsKey(fqn);
    }

    Optional<Type> type(String fqn) {
        return Optional.ofNullable(types.get(fqn));
    }

    /** Every type with this simple name. */
    List<String> typesNamed(String simpleName) {
        return bySimpleName.getOrDefault(simpleName, List.of());
    }

    boolean declaresConstructors(String fqn) {
        return members.getOrDefault(fqn, List.of()).stream()
                .anyMatch(m -> m.name().equals("<init>"));
    }

    List<Member> declared(String fqn) {
        return members.getOrDefault(fqn, List.of());
    }

    /**
     * The Jenkins types a type's supertypes resolve to (a simple name may match several types: all
     * are followed), and the names that are not Jenkins types (JDK or other libraries).
     */
    Supers supertypes(String fqn) {
        Type t = types.get(fqn);
        List<String> jenkins = new ArrayList<>();
        List<String> other = new ArrayList<>();
        if (t != null) {
            for (String s : t.supertypes()) {
                List<String> candidates = resolveSimple(s, fqn);
                if (candidates.isEmpty()) {
                    other.add(s);
                } else {
                    jenkins.addAll(candidates);
                }
            }
        }
        return new Supers(jenkins, other);
    }

    record Supers(List<String> jenkins, List<String> other) {}

    /**
     * A simple name as seen from {@code context}, as the compiler would see it: a type nested in the
     * same outer class, else a top-level type of the same package, else any top-level type with that
     * name; only when none exists (the signatures name nested supertypes by their simple name, as in
     * {@code DurableTaskStepDescriptor}) the nested types of other classes.
     */
    List<String> resolveSimple(String simpleName, String context) {
        List<String> all = typesNamed(simple(simpleName));
        if (all.size() <= 1) {
            return all;
        }
        String outer = context.contains("$") ? context.substring(0, context.indexOf('$')) : context;
        List<String> nested =
                all.stream().filter(c -> c.startsWith(outer + "$")).toList();
        if (!nested.isEmpty()) {
            return nested;
        }
        String pkg = context.substring(0, Math.max(0, context.lastIndexOf('.')));
        List<String> topLevel = all.stream().filter(c -> !c.contains("$")).toList();
        List<String> samePackage = topLevel.stream()
                .filter(c -> c.substring(0, c.lastIndexOf('.')).equals(pkg))
                .toList();
        if (!samePackage.isEmpty()) {
            return samePackage;
        }
        return topLevel.isEmpty() ? all : topLevel;
    }

    /** Like {@link #resolveSimple}, but never a type nested in another class (a return type's name). */
    List<String> resolveVisible(String simpleName, String context) {
        String outer = context.contains("$") ? context.substring(0, context.indexOf('$')) : context;
        return resolveSimple(simpleName, context).stream()
                .filter(c -> !c.contains("$") || c.startsWith(outer + "$"))
                .toList();
    }

    /** {@code fqn} and every Jenkins type above it, nearest first; JDK supertype names in {@code jdk}. */
    List<String> hierarchy(String fqn, Set<String> jdk) {
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(fqn));
        while (!todo.isEmpty()) {
            String t = todo.poll();
            if (!seen.add(t)) {
                continue;
            }
            out.add(t);
            Supers s = supertypes(t);
            todo.addAll(s.jenkins());
            jdk.addAll(s.other());
        }
        return out;
    }

    /** Every member named {@code name} declared in {@code fqn} or above it. */
    List<Member> lookup(String fqn, String name, Set<String> jdkSupertypes) {
        List<Member> out = new ArrayList<>();
        for (String t : hierarchy(fqn, jdkSupertypes)) {
            for (Member m : declared(t)) {
                if (m.name().equals(name)) {
                    out.add(m);
                }
            }
        }
        return out;
    }

    /** All Jenkins type names, for diagnostics. */
    Set<String> typeNames() {
        return new LinkedHashSet<>(types.keySet());
    }
}
