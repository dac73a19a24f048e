package io.mlopsci.jenkins.conformance;

import java.util.List;

/** JDK (and allowed library) classes by simple name, for supertypes the signatures name without a package. */
final class JdkTypes {

    private static final List<String> PACKAGES = List.of(
            "java.lang.",
            "java.io.",
            "java.util.",
            "java.util.concurrent.",
            "java.util.function.",
            "java.security.",
            "java.lang.reflect.",
            "java.nio.file.",
            "java.net.",
            "java.lang.annotation.",
            // Guava, whose FutureCallback StepContext extends (see Allowances)
            "com.google.common.util.concurrent.");

    private JdkTypes() {}

    static Class<?> find(String simpleName) {
        String s = simpleName.trim();
        for (String p : PACKAGES) {
            try {
                return Class.forName(p + s, false, JdkTypes.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                // next package
            }
        }
        return null;
    }
}
