package io.mlopsci.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.mlopsci.contract.ExitCodes;
import io.mlopsci.core.testing.OutputChecks;
import io.mlopsci.core.testing.Processes;
import io.mlopsci.core.testing.Sandbox;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A secret from the environment reaches no output: not stderr, not {@code --json}, not
 * result.json, report.md (the PR comment), report.html, report.xml or the registry — neither as it
 * is, nor Base64- or URL-encoded, nor inside an HTTP Basic header a server echoes. A param whose
 * value is a secret is refused (exit 2) instead of being recorded.
 */
class SecretsInOutputsIT {

    @TempDir
    Path tmp;

    static final String TOKEN = "tok-9f8e7d6c5b4a+/=&?";

    static final String WRITE_METRICS = "echo '{\"accuracy\": 0.95}' > \"$MLOPS_METRICS_FILE\"";

    Sandbox project(String name, String yaml) {
        return Sandbox.inline(tmp, name, "main", Map.of("mlops.yaml", yaml));
    }

    static Map<String, String> outputs(Sandbox s, Processes.Result... runs) {
        return OutputChecks.outputs(s.dir().resolve(".mlops"), runs);
    }

    static void assertNoForm(Map<String, String> outputs, String secret) {
        OutputChecks.assertNoSecret(outputs, secret);
    }

    @Test
    void aParamWhoseValueIsASecretIsRefusedNamingTheParam() {
        Sandbox s = project(
                "p",
                "model: m\ntrain:\n  command: " + io.mlopsci.core.io.Json.string(WRITE_METRICS) + "\n  shell: true\n"
                        + "  params:\n    lr: 0.1\n    tok: \"${env.MLFLOW_TRACKING_TOKEN}\"\n");
        s.env("MLFLOW_TRACKING_TOKEN", TOKEN);
        Processes.Result train = s.mlops("train", "--json");
        assertThat(train.exitCode()).as(train.toString()).isEqualTo(ExitCodes.USER_ERROR);
        assertThat(train.stderr())
                .contains("mlops.yaml:7:10")
                .contains("train.params.tok")
                .contains("secret")
                .contains("MLFLOW_TRACKING_TOKEN");
        Processes.Result check = s.mlops("validate-config");
        assertThat(check.exitCode()).isEqualTo(ExitCodes.USER_ERROR);
        assertThat(check.stderr()).contains("train.params.tok");
        // The same value typed in on the command line.
        Processes.Result set = s.mlops("train", "--set", "train.params.tok=" + TOKEN, "--json");
        assertThat(set.exitCode()).isEqualTo(ExitCodes.USER_ERROR);
        assertNoForm(outputs(s, train, check, set), TOKEN);
    }

    @Test
    void secretsAreMaskedInEveryOutputInEveryEncoding() {
        String script = "echo \"raw $MY_API_TOKEN\"; echo \"b64 $(printf %s \"$MY_API_TOKEN\" | base64 -w0)\";"
                + " echo \"url " + URLEncoder.encode(TOKEN, StandardCharsets.UTF_8) + "\"; exit 1";
        Sandbox s = project(
                "q",
                "model: m\ntrain:\n  command: " + io.mlopsci.core.io.Json.string(script) + "\n  shell: true\n"
                        + "  env: {MY_API_TOKEN: \"${env.MY_API_TOKEN}\"}\n");
        s.env("MY_API_TOKEN", TOKEN);
        Processes.Result r = s.mlops("train", "--json");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.USER_ERROR);
        assertThat(r.stdout()).contains("***");
        assertNoForm(outputs(s, r), TOKEN);
    }

    @Test
    void aServerThatEchoesTheAuthorizationHeaderDoesNotLeakIt() throws IOException {
        HttpServer echo = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        echo.createContext("/", ex -> {
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            byte[] body = ("{\"error_code\": \"PERMISSION_DENIED\", \"message\": \"denied for Authorization: " + auth
                            + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(403, body.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(body);
            }
        });
        echo.start();
        try {
            Sandbox s = project(
                    "r",
                    "model: m\ntracking:\n  uri: http://127.0.0.1:"
                            + echo.getAddress().getPort() + "\n"
                            + "train:\n  command: " + io.mlopsci.core.io.Json.string(WRITE_METRICS)
                            + "\n  shell: true\n");
            s.env("MLFLOW_TRACKING_USERNAME", "ci-bot").env("MLFLOW_TRACKING_PASSWORD", "hunter2-but-longer");
            Processes.Result r = s.mlops("train", "--json");
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.INFRASTRUCTURE_ERROR);
            assertThat(r.stdout()).contains("denied for Authorization: Basic ***");
            Map<String, String> outputs = outputs(s, r);
            assertNoForm(outputs, "ci-bot:hunter2-but-longer");
            assertNoForm(outputs, "hunter2-but-longer");
        } finally {
            echo.stop(0);
        }
    }
}
