package io.mlopsci.core.registry.mlflow;

/** Artifact paths relative to a run's root: forward slashes, no leading or trailing slash, never {@code ..}. */
final class RelativePaths {

    private RelativePaths() {}

    static String normalize(String path) {
        if (path == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (String segment : path.replace('\\', '/').split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                throw new IllegalArgumentException("artifact path escapes the run: " + path);
            }
            if (out.length() > 0) {
                out.append('/');
            }
            out.append(segment);
        }
        return out.toString();
    }

    static String join(String a, String b) {
        String x = normalize(a);
        String y = normalize(b);
        return x.isEmpty() ? y : y.isEmpty() ? x : x + "/" + y;
    }
}
