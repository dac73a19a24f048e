package io.mlopsci.core.data.drift;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlopsci.contract.result.Criterion;
import io.mlopsci.contract.result.Status;
import io.mlopsci.contract.result.StepResult;
import io.mlopsci.core.data.DataRunAccess;
import io.mlopsci.core.io.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every drift measure, computed end to end by the step (DuckDB scans, binning, the math), equals the
 * value numpy and scipy compute independently on the same files (make_fixtures.py beside the data).
 */
class DriftReferenceValuesTest {

    static final Path FIXTURES = DriftFixtureCases.DIR;
    static final List<String> TEXT = List.of("cat");

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("io.mlopsci.core.data.drift.DriftFixtureCases#cases")
    void equalsScipy(String set, String method) throws IOException {
        JsonNode expected = Json.mapper()
                .readTree(FIXTURES.resolve(set).resolve("expected.json").toFile());
        StepResult r = DataRunAccess.run(tmp, """
                model: fixture
                data:
                  train: %s
                  eval: %s
                  drift: {method: %s, exclude: [id], share: 1}
                """.formatted(
                        FIXTURES.resolve(set).resolve("reference.csv"),
                        FIXTURES.resolve(set).resolve("current.csv"),
                        method));
        assertThat(r.error()).as("step error").isNull();
        List<String> checked = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.path("columns").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> col = it.next();
            Criterion c = r.criteria().stream()
                    .filter(x -> x.id().equals("drift." + col.getKey()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no drift criterion for " + col.getKey()));
            JsonNode e = col.getValue().path(method);
            if (e.isMissingNode()) {
                // A global ks or wasserstein compares a text column as categories, as auto does
                // (documented), and says so: the value is auto's, from the same scipy fixtures.
                assertThat(TEXT).contains(col.getKey());
                JsonNode auto = col.getValue().path("auto");
                String what = set + " " + col.getKey() + " " + method + " on text";
                assertThat(c.status()).as(what).isNotEqualTo(Status.ERROR);
                assertThat(c.rule())
                        .as(what)
                        .isEqualTo("drift_" + auto.path("method").asText());
                assertClose(what, c.actual(), auto.path("value").asDouble());
                assertThat((String) c.details().get("chosenBy"))
                        .as(what)
                        .startsWith(method + " (the drift method) needs numbers and '" + col.getKey() + "'");
                continue;
            }
            String what = set + " " + col.getKey() + " " + method;
            assertClose(what, c.actual(), e.path("value").asDouble());
            if (method.equals("auto")) {
                assertThat(c.rule())
                        .as(what)
                        .isEqualTo("drift_" + e.path("method").asText());
                assertThat((String) c.details().get("chosenBy")).startsWith("auto: ");
            }
            if (method.equals("ks")) {
                assertClose(
                        what + " statistic",
                        (Double) c.details().get("statistic"),
                        e.path("statistic").asDouble());
                assertThat(c.details().get("pValueMethod"))
                        .isEqualTo(e.path("pValueMethod").asText());
            }
            if (method.equals("chisquare")) {
                assertClose(
                        what + " statistic",
                        (Double) c.details().get("statistic"),
                        e.path("statistic").asDouble());
                assertThat(c.details().get("dof")).isEqualTo(e.path("dof").asInt());
            }
            if (method.equals("wasserstein")) {
                assertClose(
                        what + " W1",
                        (Double) c.details().get("wasserstein"),
                        e.path("wasserstein").asDouble());
                assertClose(
                        what + " std",
                        (Double) c.details().get("referenceStd"),
                        e.path("referenceStd").asDouble());
            }
            if (method.equals("psi") && !TEXT.contains(col.getKey())) {
                @SuppressWarnings("unchecked")
                List<Double> edges = (List<Double>) c.details().get("edges");
                JsonNode ee = e.path("edges");
                assertThat(edges).as(what + " edges").hasSize(ee.size());
                for (int i = 0; i < ee.size(); i++) {
                    assertClose(what + " edge " + i, edges.get(i), ee.get(i).asDouble());
                }
                assertThat(c.details().get("referenceCounts")).as(what).isEqualTo(longs(e.path("reference")));
                assertThat(c.details().get("currentCounts")).as(what).isEqualTo(longs(e.path("current")));
            }
            checked.add(col.getKey());
        }
        assertThat(checked).isNotEmpty();
    }

    private static List<Long> longs(JsonNode a) {
        List<Long> out = new ArrayList<>();
        a.forEach(n -> out.add(n.asLong()));
        return out;
    }

    static void assertClose(String what, Double actual, double expected) {
        assertThat(actual).as(what).isNotNull();
        double tol = Math.max(Math.abs(expected) * 1e-9, 1e-300);
        assertThat(Math.abs(actual - expected))
                .as(what + ": " + actual + " vs scipy/numpy " + expected)
                .isLessThanOrEqualTo(tol);
    }
}
