package io.mlopsci.core.registry.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlopsci.core.error.MlopsException;
import io.mlopsci.core.registry.ModelVersion;
import io.mlopsci.core.registry.RunRecord;
import io.mlopsci.core.testing.HttpForwarder;
import io.mlopsci.core.testing.MlflowServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transport against a real MLflow behind the test's own forwarder: HTTPS with a self-signed CA,
 * a bearer token that is never printed, basic auth on MLflow's own auth app, and retries on 5xx
 * and 429.
 */
class MlflowTransportIT {

    private static final String TOKEN = "tok-" + UUID.randomUUID();

    @TempDir
    Path tmp;

    MlflowServer server;
    String model;

    @BeforeEach
    void server() {
        server = MlflowServer.shared();
        model = "m-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private RunRecord run() {
        return new RunRecord(
                null,
                model,
                null,
                1,
                Map.of("p", "1"),
                Map.of("acc", 0.9),
                Map.of("mlops.cache.key", "k"),
                Map.of(),
                "k",
                List.of(),
                null,
                "metrics.json");
    }

    private Map<String, Path> files() throws IOException {
        Path f = tmp.resolve("metrics.json");
        Files.writeString(f, "{\"acc\": 0.9}");
        return Map.of("metrics.json", f);
    }

    @Test
    void httpsWithACustomCaAndABearerTokenFromTheEnvironment() throws IOException {
        try (HttpForwarder proxy = HttpForwarder.start(server.uri(), true, "Bearer " + TOKEN, tmp.resolve("tls"))) {
            Map<String, String> env = Map.of("MLFLOW_TRACKING_TOKEN", TOKEN);
            try (MlflowRegistry r = MlflowTestConfigs.open(
                    tmp.resolve("a"), model, proxy.uri(), model, env, "tracking.ca_file=" + proxy.caFile())) {
                RunRecord stored = r.logRun(run(), files());
                ModelVersion v = r.registerVersion(model, stored.runId(), Map.of());
                r.setAlias(model, "champion", v.version());
                assertThat(r.versionByAlias(model, "champion")).contains(v);
            }
            assertThat(proxy.refusedAuth()).isZero();
            assertThat(server.get("registered-models/alias", Map.of("name", model, "alias", "champion"))
                            .path("model_version")
                            .path("version")
                            .asText())
                    .isEqualTo("1");

            // MLflow's own variable for the CA bundle works too.
            Map<String, String> viaEnv = Map.of(
                    "MLFLOW_TRACKING_TOKEN",
                    TOKEN,
                    "MLFLOW_TRACKING_SERVER_CERT_PATH",
                    proxy.caFile().toString());
            try (MlflowRegistry r = MlflowTestConfigs.open(tmp.resolve("b"), model, proxy.uri(), model, viaEnv)) {
                assertThat(r.findRunByCacheKey(model, "k")).isPresent();
            }

            // A wrong token: exit 3, a message that names the variable, never its value.
            Map<String, String> wrong = Map.of("MLFLOW_TRACKING_TOKEN", "wrong-" + TOKEN);
            try (MlflowRegistry r = MlflowTestConfigs.open(
                    tmp.resolve("c"), model, proxy.uri(), model, wrong, "tracking.ca_file=" + proxy.caFile())) {
                assertThatThrownBy(() -> r.findRunByCacheKey(model, "k"))
                        .isInstanceOfSatisfying(MlopsException.class, e -> {
                            assertThat(e.exitCode()).isEqualTo(3);
                            assertThat(e.getMessage())
                                    .contains("HTTP 401")
                                    .contains("MLFLOW_TRACKING_TOKEN")
                                    .doesNotContain(TOKEN);
                        });
                assertThat(r.describe()).doesNotContain(TOKEN);
            }
        }
    }

    @Test
    void anUntrustedCertificateFailsAtOnceUnlessTlsChecksAreOff() throws IOException {
        try (HttpForwarder proxy = HttpForwarder.start(server.uri(), true, null, tmp.resolve("tls"))) {
            try (MlflowRegistry r = MlflowTestConfigs.open(tmp.resolve("a"), model, proxy.uri(), model, Map.of())) {
                assertThatThrownBy(() -> r.findRunByCacheKey(model, "k"))
                        .isInstanceOfSatisfying(
                                MlopsException.class,
                                e -> assertThat(e.exitCode()).isEqualTo(3))
                        .hasMessageContaining("TLS with MLflow at " + proxy.uri())
                        .hasMessageContaining("tracking.ca_file");
            }
            assertThat(proxy.requests())
                    .as("no request got through, none was retried")
                    .isZero();
            try (MlflowRegistry r = MlflowTestConfigs.open(
                    tmp.resolve("b"), model, proxy.uri(), model, Map.of("MLFLOW_TRACKING_INSECURE_TLS", "true"))) {
                assertThat(r.describe()).contains("TLS verification OFF");
                assertThat(r.findRunByCacheKey(model, "k")).isEmpty();
            }
        }
    }

    @Test
    void retriesServerErrorsAndRateLimitsThenGivesUpWithExit3() throws IOException {
        try (HttpForwarder proxy = HttpForwarder.start(server.uri(), false, null, tmp)) {
            try (MlflowRegistry r = MlflowTestConfigs.open(
                    tmp.resolve("a"), model, proxy.uri(), model, Map.of(), "tracking.retries=3")) {
                proxy.failNext(2, 503, null);
                proxy.failNext(1, 429, "1");
                int before = proxy.requests();
                RunRecord stored = r.logRun(run(), files());
                assertThat(stored.runId()).isNotBlank();
                assertThat(server.get("runs/get", Map.of("run_id", stored.runId()))
                                .path("run")
                                .path("info")
                                .path("status")
                                .asText())
                        .isEqualTo("FINISHED");
                assertThat(proxy.requests() - before)
                        .as("3 refused + the calls that logged the run")
                        .isGreaterThan(3);

                proxy.failNext(10, 502, null);
                int start = proxy.requests();
                assertThatThrownBy(() -> r.findRunByCacheKey(model, "k"))
                        .isInstanceOfSatisfying(
                                MlopsException.class,
                                e -> assertThat(e.exitCode()).isEqualTo(3))
                        .hasMessageContaining("failed 4 times")
                        .hasMessageContaining("HTTP 502");
                assertThat(proxy.requests() - start).isEqualTo(4);
            }
        }
    }

    @Test
    void basicAuthOnMlflowsOwnAuthApp() throws IOException {
        String password = "pw-" + UUID.randomUUID();
        try (MlflowServer secured =
                MlflowServer.start(tmp.resolve("server"), MlflowServer.Options.withBasicAuth(password))) {
            Map<String, String> env =
                    Map.of("MLFLOW_TRACKING_USERNAME", MlflowServer.ADMIN, "MLFLOW_TRACKING_PASSWORD", password);
            try (MlflowRegistry r = MlflowTestConfigs.open(tmp.resolve("a"), model, secured.uri(), model, env)) {
                RunRecord stored = r.logRun(run(), files());
                r.registerVersion(model, stored.runId(), Map.of());
            }
            assertThat(secured.get("model-versions/get", Map.of("name", model, "version", "1"))
                            .path("model_version")
                            .path("status")
                            .asText())
                    .isEqualTo("READY");
            Map<String, String> wrong = Map.of(
                    "MLFLOW_TRACKING_USERNAME", MlflowServer.ADMIN, "MLFLOW_TRACKING_PASSWORD", "not-" + password);
            try (MlflowRegistry r = MlflowTestConfigs.open(tmp.resolve("b"), model, secured.uri(), model, wrong)) {
                assertThatThrownBy(() -> r.findRunByCacheKey(model, "k"))
                        .isInstanceOfSatisfying(MlopsException.class, e -> {
                            assertThat(e.exitCode()).isEqualTo(3);
                            assertThat(e.getMessage())
                                    .contains("HTTP 401")
                                    .contains("MLFLOW_TRACKING_PASSWORD")
                                    .doesNotContain(password);
                        });
            }
        }
    }
}
