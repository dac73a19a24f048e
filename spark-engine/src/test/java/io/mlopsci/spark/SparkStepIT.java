package io.mlopsci.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsci.contract.result.Status;
import io.mlopsci.contract.result.Verdict;
import io.mlopsci.core.testing.FreePorts;
import io.mlopsci.core.testing.SparkConnectServer;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.connect.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * validate-data with {@code data.engine: spark} through the step runner, against servers of the
 * tests' own: one that requires a token (right, wrong, unset), none at all (unreachable), and
 * one killed in the middle of a scan. Every failure ends in the contract's exit code and nothing
 * is recorded as a pass.
 */
class SparkStepIT {

    private static final String TOKEN = "s3cr3t-token-for-the-test";

    @TempDir
    Path dir;

    private static String config(String remote, String extraSpark, String train) {
        return "model: m\ndata:\n  engine: spark\n  spark: {remote: '" + remote + "'" + extraSpark + "}\n" + "  train: "
                + train + "\n  columns: {id: {nullable: false}}\n";
    }

    @Test
    void aServerThatWantsATokenTakesTheRightOneAndRefusesAWrongOneOrNone() throws Exception {
        try (SparkConnectServer server =
                SparkConnectServer.start(dir.resolve("server"), SparkConnectServer.Options.withToken(TOKEN))) {
            Path data = SparkTestData.csv(dir, "data/train.csv", 50);
            // The client sends a token in clear only to localhost; to any other host it insists on TLS.
            String local = server.remote().replace("127.0.0.1", "localhost");
            String yaml = config(local, ", token_env: SPARK_TOKEN", data.toString());

            SparkStepRun right = SparkStepRun.of(dir.resolve("right"), yaml, Map.of("SPARK_TOKEN", TOKEN));
            // Reached with the token, the rules ran on Spark.
            assertThat(right.result().exitCode()).as(right.stderr()).isZero();
            assertThat(right.result().verdict()).isEqualTo(Verdict.PASS);
            assertThat(right.result().criteria())
                    .anySatisfy(c -> assertThat(c.id()).isEqualTo("train.id.nulls"))
                    .allMatch(c -> c.status() == Status.PASS);
            assertThat(right.stderr()).contains("connected: Spark 4.1.0 at " + local + " (plaintext)");

            SparkStepRun wrong = SparkStepRun.of(dir.resolve("wrong"), yaml, Map.of("SPARK_TOKEN", "not-" + TOKEN));
            assertThat(wrong.result().exitCode()).isEqualTo(3);
            assertThat(wrong.result().verdict()).isEqualTo(Verdict.ERROR);
            assertThat(wrong.result().error().message())
                    .isEqualTo("Spark Connect at " + local
                            + " (plaintext) refused the connection (UNAUTHENTICATED): the token in $SPARK_TOKEN is not"
                            + " accepted");
            assertThat(wrong.stderr()).doesNotContain(TOKEN);

            SparkStepRun none =
                    SparkStepRun.of(dir.resolve("none"), config(server.remote(), "", data.toString()), Map.of());
            assertThat(none.result().exitCode()).isEqualTo(3);
            assertThat(none.result().error().message())
                    .endsWith("refused the connection (UNAUTHENTICATED): it wants a token: put it in an environment"
                            + " variable and name that in data.spark.token_env");

            SparkStepRun overIp = SparkStepRun.of(
                    dir.resolve("ip"),
                    config(server.remote(), ", token_env: SPARK_TOKEN", data.toString()),
                    Map.of("SPARK_TOKEN", TOKEN));
            assertThat(overIp.result().exitCode()).isEqualTo(3);
            assertThat(overIp.result().error().message())
                    .isEqualTo("Spark Connect at " + server.remote() + " (TLS) does not speak TLS, and the client sends"
                            + " a token only over TLS (to any host but localhost): serve Spark Connect over TLS (usually"
                            + " a proxy in front of it), or reach it through localhost (an SSH tunnel)");

            SparkStepRun unset = SparkStepRun.of(dir.resolve("unset"), yaml, Map.of());
            assertThat(unset.result().exitCode()).isEqualTo(2);
            assertThat(unset.result().error().message())
                    .startsWith("data.spark.token_env names the environment variable SPARK_TOKEN, which is not set");
        }
    }

    @Test
    void anUnreachableEndpointIsAnEnvironmentErrorWithinSeconds() {
        int port = FreePorts.next(); // nothing listens there
        long t0 = System.nanoTime();
        SparkStepRun r = SparkStepRun.of(
                dir,
                config(
                        "sc://127.0.0.1:" + port,
                        "",
                        SparkTestData.csv(dir, "t.csv", 5).toString()),
                Map.of());
        assertThat(r.result().exitCode()).isEqualTo(3);
        assertThat(r.result().criteria()).isEmpty();
        assertThat(r.result().error().message())
                .startsWith("cannot reach Spark Connect at sc://127.0.0.1:" + port
                        + " (plaintext) (UNAVAILABLE, after 4" + " retries): ")
                .endsWith("; check data.spark.remote, the network, and that the server runs");
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0)).isLessThan(60);
    }

    @Test
    void theTimeoutCancelsTheRunningScan() throws Exception {
        SparkConnectServer server = SparkConnectServer.shared();
        try (SparkSession admin = SparkConnection.session(server.remote(), null)) {
            admin.sql("CREATE OR REPLACE VIEW default.slow_for_timeout AS"
                    + " SELECT id, hash(id, id * 31) AS h FROM range(0, 40000000000, 1, 8)"
                    // The filter makes the count read every row: Spark answers the count of a bare
                    // range from its bounds, in seconds, however many rows it has.
                    + " WHERE hash(id, id * 31) % 7 <> 0");
        }
        long t0 = System.nanoTime();
        SparkStepRun r = SparkStepRun.of(
                dir, config(server.remote(), ", timeout: 10s", "{table: default.slow_for_timeout}"), Map.of());
        assertThat(r.result().exitCode()).as(r.stderr()).isEqualTo(3);
        assertThat(r.result().criteria()).isEmpty();
        assertThat(r.result().error().message())
                .isEqualTo("the Spark job was cancelled while scanning train table default.slow_for_timeout:"
                        + " data.spark.timeout (10s) passed");
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0)).isLessThan(60);
        // The cancelled job does not hold the server: it answers at once.
        try (SparkSession admin = SparkConnection.session(server.remote(), null)) {
            assertThat(admin.sql("SELECT count(*) FROM range(0, 10)")
                            .collectAsList()
                            .get(0)
                            .getLong(0))
                    .isEqualTo(10);
        }
    }

    @Test
    void aServerKilledInTheMiddleOfAScanIsExitThreeAndNothingPasses() throws Exception {
        SparkConnectServer server = SparkConnectServer.start(
                dir.resolve("server"), SparkConnectServer.Options.plain().memory("1g"));
        try {
            try (SparkSession admin = SparkConnection.session(server.remote(), null)) {
                // A view whose every row costs hashing: counting it takes minutes on two cores.
                admin.sql(
                        "CREATE VIEW default.slow AS SELECT id, hash(id, id * 31) AS h FROM range(0, 40000000000, 1, 8)");
            }
            String yaml = config(server.remote(), "", "{table: default.slow, where: 'h % 7 <> 3'}");
            CompletableFuture<SparkStepRun> run =
                    CompletableFuture.supplyAsync(() -> SparkStepRun.of(dir.resolve("run"), yaml, Map.of()));
            Thread.sleep(8_000); // connected, resolved, scanning
            assertThat(run).isNotDone();
            server.kill();
            SparkStepRun r = run.get(120, TimeUnit.SECONDS);
            assertThat(r.result().exitCode()).as(r.stderr()).isEqualTo(3);
            assertThat(r.result().verdict()).isEqualTo(Verdict.ERROR);
            assertThat(r.result().criteria()).noneMatch(c -> c.status() == Status.PASS);
            assertThat(r.result().error().message())
                    .startsWith("lost Spark Connect at " + server.remote() + " (plaintext) while scanning"
                            + " train table default.slow where h % 7 <> 3")
                    .endsWith("; nothing was checked");
            assertThat(r.stderr()).contains("scanning train table default.slow");
        } finally {
            server.close();
        }
    }
}
