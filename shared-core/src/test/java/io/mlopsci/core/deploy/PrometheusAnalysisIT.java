package io.mlopsci.core.deploy;

import static io.mlopsci.core.deploy.DeployFixtures.alias;
import static io.mlopsci.core.deploy.DeployFixtures.criterion;
import static io.mlopsci.core.deploy.DeployFixtures.newVersion;
import static io.mlopsci.core.deploy.DeployFixtures.result;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlopsci.core.testing.FreePorts;
import io.mlopsci.core.testing.Processes;
import io.mlopsci.core.testing.PrometheusServer;
import io.mlopsci.core.testing.Sandbox;
import io.mlopsci.core.testing.ScriptedModelProject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The canary analysed only from a real Prometheus that scrapes the router's /metrics (the queries
 * use a 15 s range, several scrapes even when a busy machine delays some): a healthy
 * canary is promoted on the queried error rate and latency; one that answers 500 is rolled back on
 * the queried error rate, with the query and its value in the report.
 */
class PrometheusAnalysisIT {

    @TempDir
    static Path tmp;

    static int routerPort;
    static PrometheusServer prometheus;
    static Sandbox project;
    static String v1;

    @BeforeAll
    static void start() {
        routerPort = FreePorts.next();
        prometheus = PrometheusServer.start(tmp.resolve("prometheus"), List.of("127.0.0.1:" + routerPort));
        project = ScriptedModelProject.create(
                tmp,
                "p",
                "fraud",
                """
                deploy:
                  target: local
                """ + ScriptedModelProject.localServe() + """
                  local: {port: %d}
                  canary:
                    steps: [50, 100]
                    bake: 4s
                    smoke: {rate: 25}
                    prometheus: {url: "%s", timeout: 5s}
                    analysis:
                      prom_error_rate:
                        query: >-
                          (sum(increase(mlops_router_requests_total{model="{{model}}",backend="canary",version="{{canary_version}}",code=~"5..|none"}[15s])) or vector(0))
                          / sum(increase(mlops_router_requests_total{model="{{model}}",backend="canary",version="{{canary_version}}"}[15s]))
                        max: 0.05
                      prom_canary_p95_seconds:
                        query: >-
                          histogram_quantile(0.95, sum by (le) (rate(mlops_router_request_duration_seconds_bucket{backend="canary",version="{{canary_version}}"}[15s])))
                        max: 5
                """.formatted(routerPort, prometheus.url()));
        v1 = newVersion(project);
        Processes.Result first = project.mlops("deploy-canary");
        assertThat(first.exitCode()).as(first.toString()).isZero();
    }

    @AfterAll
    static void stop() {
        if (prometheus != null) {
            prometheus.close();
        }
    }

    @Test
    void aHealthyCanaryIsPromotedOnWhatPrometheusScraped() {
        String v2 = newVersion(project, "train.params.accuracy=0.96");
        Processes.Result r = project.mlops("deploy-canary");
        assertThat(r.exitCode()).as(r + "\n--- prometheus\n" + prometheus.log()).isZero();
        JsonNode res = result(project, "deploy-canary");
        for (String step : new String[] {"50%", "100%"}) {
            JsonNode errors = criterion(res, "canary." + step + ".prom_error_rate");
            assertThat(errors.path("status").asText()).as(errors.toString()).isEqualTo("PASS");
            assertThat(errors.path("actual").asDouble()).isZero();
            assertThat(errors.path("details").path("query").asText()).contains("model=\"fraud\"");
            JsonNode latency = criterion(res, "canary." + step + ".prom_canary_p95_seconds");
            assertThat(latency.path("status").asText()).isEqualTo("PASS");
            assertThat(latency.path("actual").asDouble()).isGreaterThan(0).isLessThan(5);
        }
        assertThat(alias(project, "fraud", "champion")).isEqualTo(v2);
        // Over a range: once the router is gone, Prometheus marks its series stale for instant queries.
        JsonNode scraped =
                prometheus.query("sum(max_over_time(mlops_router_requests_total{model=\"fraud\",backend=\"canary\","
                        + "version=\"" + v2 + "\"}[5m]))");
        assertThat(scraped.path("result").get(0).path("value").get(1).asDouble())
                .as("Prometheus saw the canary's traffic")
                .isGreaterThan(10);
    }

    @Test
    void aCanaryAnswering500IsRolledBackOnThePrometheusQuery() throws IOException {
        String stable = alias(project, "fraud", "champion");
        String broken = newVersion(project, "train.params.behavior=fail", "train.params.accuracy=0.97");
        Processes.Result r = project.mlops("deploy-canary");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        JsonNode res = result(project, "deploy-canary");
        JsonNode errors = criterion(res, "canary.50%.prom_error_rate");
        assertThat(errors.path("status").asText()).isEqualTo("FAIL");
        assertThat(errors.path("actual").asDouble()).isGreaterThan(0.9);
        assertThat(res.path("summary").asText())
                .contains("rolled back version " + broken + " at 50%")
                .contains("prom_error_rate");
        assertThat(alias(project, "fraud", "champion")).isEqualTo(stable);
        String md = Files.readString(project.out("deploy-canary", "report.md"));
        assertThat(md).contains("Prometheus: (sum(increase(mlops\\_router\\_requests\\_total");
    }
}
