package io.mlopsci.core.deploy.router;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlopsci.core.io.Json;
import java.io.IOException;

/**
 * Whether two model servers predicted the same for one request. The prediction is the response's
 * {@code predictions} (KServe v1), else {@code prediction}, else the whole body; numbers are equal
 * when they differ by at most 1e-9 relative, so that float formatting noise is not disagreement.
 */
final class PredictionDiff {

    private PredictionDiff() {}

    static boolean same(byte[] a, byte[] b) {
        JsonNode x = prediction(a);
        JsonNode y = prediction(b);
        if (x == null || y == null) {
            return java.util.Arrays.equals(a, b);
        }
        return equal(x, y);
    }

    private static JsonNode prediction(byte[] body) {
        try {
            JsonNode n = Json.mapper().readTree(body);
            if (n == null) {
                return null;
            }
            if (n.has("predictions")) {
                return n.get("predictions");
            }
            return n.has("prediction") ? n.get("prediction") : n;
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean equal(JsonNode x, JsonNode y) {
        if (x.isNumber() && y.isNumber()) {
            double a = x.asDouble();
            double b = y.asDouble();
            return a == b || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
        }
        if (x.isArray() && y.isArray()) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!equal(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (x.isObject() && y.isObject()) {
            if (x.size() != y.size()) {
                return false;
            }
            var it = x.fieldNames();
            while (it.hasNext()) {
                String f = it.next();
                if (!y.has(f) || !equal(x.get(f), y.get(f))) {
                    return false;
                }
            }
            return true;
        }
        return x.equals(y);
    }
}
