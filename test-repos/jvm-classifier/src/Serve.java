import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * Serves the model src/Train.java writes — plain Java, no libraries, like the trainer.
 *
 * <pre>PORT=8080 MLOPS_MODEL_DIR=OUT java src/Serve.java</pre>
 *
 * GET /health answers 200 once the model is loaded. POST /predict takes KServe v1 style
 * {"instances": [{"amount": 1.2, "velocity": -0.3, ...}, ...]} (unknown fields are ignored) and
 * answers {"predictions": [0 or 1, ...], "scores": [probability, ...]}.
 */
public final class Serve {

    record Model(List<String> features, double bias, double[] weights, double[] mean, double[] std) {
        double score(Map<String, Object> row) {
            double z = bias;
            for (int j = 0; j < weights.length; j++) {
                Object v = row.get(features.get(j));
                if (!(v instanceof Double x)) {
                    throw new IllegalArgumentException("feature '" + features.get(j) + "' is missing or not a number");
                }
                z += weights[j] * (x - mean[j]) / std[j];
            }
            return 1 / (1 + Math.exp(-z));
        }
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        Path dir = Path.of(System.getenv().getOrDefault("MLOPS_MODEL_DIR", "."));
        Model model = load(dir.resolve("model.json"));
        // Without TCP_NODELAY the JDK server's small responses wait ~40 ms for a delayed ACK.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/health", ex -> respond(ex, 200, "{\"status\": \"ok\"}"));
        server.createContext("/predict", ex -> predict(ex, model));
        server.start();
        System.out.printf(Locale.ROOT, "serving %s (%d features) on 127.0.0.1:%d%n", dir, model.weights().length, port);
    }

    static void predict(HttpExchange ex, Model model) throws IOException {
        if (!ex.getRequestMethod().equals("POST")) {
            respond(ex, 405, "{\"error\": \"POST a JSON body\"}");
            return;
        }
        try {
            Object body = new Json(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)).value();
            if (!(body instanceof Map<?, ?> m) || !(m.get("instances") instanceof List<?> instances)) {
                respond(ex, 400, "{\"error\": \"expected {\\\"instances\\\": [...]}\"}");
                return;
            }
            StringBuilder predictions = new StringBuilder();
            StringBuilder scores = new StringBuilder();
            for (Object instance : instances) {
                if (!(instance instanceof Map<?, ?> row)) {
                    respond(ex, 400, "{\"error\": \"each instance must be an object of feature values\"}");
                    return;
                }
                @SuppressWarnings("unchecked")
                double s = model.score((Map<String, Object>) row);
                predictions.append(predictions.length() == 0 ? "" : ", ").append(s >= 0.5 ? 1 : 0);
                scores.append(scores.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.6f", s));
            }
            respond(ex, 200, "{\"predictions\": [" + predictions + "], \"scores\": [" + scores + "]}");
        } catch (IllegalArgumentException e) {
            respond(ex, 400, "{\"error\": \"" + e.getMessage().replace("\"", "'") + "\"}");
        }
    }

    static void respond(HttpExchange ex, int status, String json) throws IOException {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    @SuppressWarnings("unchecked")
    static Model load(Path file) throws IOException {
        Map<String, Object> m = (Map<String, Object>) new Json(Files.readString(file)).value();
        List<String> features = new ArrayList<>();
        for (Object f : (List<Object>) m.get("features")) {
            features.add((String) f);
        }
        return new Model(features, (Double) m.get("bias"), numbers(m.get("weights")), numbers(m.get("mean")),
                numbers(m.get("std")));
    }

    @SuppressWarnings("unchecked")
    static double[] numbers(Object list) {
        List<Object> l = (List<Object>) list;
        double[] out = new double[l.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (Double) l.get(i);
        }
        return out;
    }

    /** A small JSON reader: objects, arrays, strings, numbers (as Double), true/false/null. */
    static final class Json {
        private final String s;
        private int i;

        Json(String s) {
            this.s = s;
        }

        Object value() {
            Object v = read();
            skip();
            if (i != s.length()) {
                throw new IllegalArgumentException("unexpected text after the JSON value at " + i);
            }
            return v;
        }

        private Object read() {
            skip();
            if (i >= s.length()) {
                throw new IllegalArgumentException("unexpected end of JSON");
            }
            char c = s.charAt(i);
            if (c == '{') {
                Map<String, Object> m = new LinkedHashMap<>();
                i++;
                skip();
                if (peek('}')) {
                    return m;
                }
                do {
                    skip();
                    String k = string();
                    skip();
                    expect(':');
                    m.put(k, read());
                    skip();
                } while (peek(','));
                expect('}');
                return m;
            }
            if (c == '[') {
                List<Object> l = new ArrayList<>();
                i++;
                skip();
                if (peek(']')) {
                    return l;
                }
                do {
                    l.add(read());
                    skip();
                } while (peek(','));
                expect(']');
                return l;
            }
            if (c == '"') {
                return string();
            }
            for (String word : new String[] {"true", "false", "null"}) {
                if (s.startsWith(word, i)) {
                    i += word.length();
                    return word.equals("null") ? null : Boolean.valueOf(word);
                }
            }
            int start = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            try {
                return Double.parseDouble(s.substring(start, i));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad JSON value at " + start);
            }
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (i < s.length() && s.charAt(i) != '"') {
                char c = s.charAt(i++);
                if (c == '\\' && i < s.length()) {
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n' -> b.append('\n');
                        case 't' -> b.append('\t');
                        case 'u' -> {
                            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            i += 4;
                        }
                        default -> b.append(e);
                    }
                } else {
                    b.append(c);
                }
            }
            expect('"');
            return b.toString();
        }

        private void skip() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private boolean peek(char c) {
            if (i < s.length() && s.charAt(i) == c) {
                i++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw new IllegalArgumentException("expected '" + c + "' at " + i);
            }
        }
    }
}
