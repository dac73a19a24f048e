package io.mlopsci.core.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tiny project for packaging and deployment tests that needs no ML stack: "training" writes a
 * model directory whose files script a model server's behaviour, and the server is busybox httpd
 * with a CGI script (starts in milliseconds, runs on the host and in a busybox container alike).
 *
 * <p>Training params: {@code answer} (the prediction every request gets), {@code accuracy} (the
 * metric the gate checks), {@code behavior}: {@code ok}, {@code fail} (HTTP 500 on every
 * prediction) or {@code slow:SECONDS} (each prediction waits).
 *
 * <p>The server: {@code serve/run.sh} listens on 127.0.0.1:$PORT and serves {@code /health} and
 * {@code /cgi-bin/predict} (KServe v1 style: {@code {"predictions": [answer]}}), reading the model
 * from {@code $MLOPS_MODEL_DIR}.
 */
public final class ScriptedModelProject {

    public static final String PREDICT = "/cgi-bin/predict";

    /** The CGI script: behaviour comes from files in the model directory. */
    public static final String PREDICT_CGI = """
            #!/bin/sh
            cat > /dev/null
            m="${MLOPS_MODEL_DIR:-/models}"
            if [ -f "$m/fail" ]; then
              printf 'Status: 500 Internal Server Error\\r\\nContent-Type: text/plain\\r\\n\\r\\nbroken model\\n'
              exit 0
            fi
            if [ -f "$m/delay" ]; then sleep "$(cat "$m/delay")"; fi
            printf 'Content-Type: application/json\\r\\n\\r\\n{"predictions": [%s]}\\n' "$(cat "$m/answer")"
            """;

    /** Writes the model directory and metrics from the params; sh only. */
    static final String TRAIN = """
            set -e
            out="$MLOPS_OUTPUT_DIR"
            mkdir -p "$out"
            rm -f "$out/fail" "$out/delay"
            echo "${MLOPS_PARAM_ANSWER:-1}" > "$out/answer"
            case "${MLOPS_PARAM_BEHAVIOR:-ok}" in
              fail) echo yes > "$out/fail" ;;
              slow:*) echo "${MLOPS_PARAM_BEHAVIOR#slow:}" > "$out/delay" ;;
            esac
            echo "{\\"accuracy\\": ${MLOPS_PARAM_ACCURACY:-0.95}}" > "$MLOPS_METRICS_FILE"
            """;

    private ScriptedModelProject() {}

    /** The project's files: mlops.yaml (model, train, gate, then {@code extraYaml}), the server, smoke data. */
    public static Map<String, String> files(String model, String extraYaml) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("mlops.yaml", """
                model: %s
                data:
                  eval: data/eval.csv
                train:
                  command: [sh, train.sh]
                  params: {answer: 1, accuracy: 0.95, behavior: ok}
                gate:
                  metrics:
                    accuracy: {min: 0.9}
                """.formatted(model) + extraYaml);
        files.put("train.sh", TRAIN);
        files.put("serve/www/health", "ok\n");
        files.put("serve/www/cgi-bin/predict", PREDICT_CGI);
        files.put(
                "serve/run.sh",
                "#!/bin/sh\nexec busybox httpd -f -p \"127.0.0.1:$PORT\" -h \"$(dirname \"$0\")/www\"\n");
        StringBuilder csv = new StringBuilder("id,x1,x2,label\n");
        for (int i = 0; i < 50; i++) {
            csv.append(i)
                    .append(',')
                    .append(i % 7)
                    .append('.')
                    .append(i % 10)
                    .append(',')
                    .append(i % 3)
                    .append(',')
                    .append(i % 2)
                    .append('\n');
        }
        files.put("data/eval.csv", csv.toString());
        return files;
    }

    /** A sandbox of the project, with the CGI script and server made executable. */
    public static Sandbox create(Path parent, String name, String model, String extraYaml) {
        Requirements.require(
                Files.isExecutable(Path.of("/bin/busybox")) || Files.isExecutable(Path.of("/usr/bin/busybox")),
                "busybox (Debian package busybox-static) for the scripted model server");
        Sandbox s = Sandbox.inline(parent, name, "main", files(model, extraYaml));
        for (String f : List.of("serve/www/cgi-bin/predict", "serve/run.sh")) {
            s.dir().resolve(f).toFile().setExecutable(true);
        }
        return s;
    }

    /** The serve section for the local target. */
    public static String localServe() {
        return """
                  serve:
                    command: [sh, serve/run.sh]
                    predict: /cgi-bin/predict
                    ready_timeout: 20s
                """;
    }
}
