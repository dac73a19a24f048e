package io.mlopsci.core.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlopsci.core.io.Json;
import io.mlopsci.core.testing.Processes;
import io.mlopsci.core.testing.Sandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ranking sample (test-repos/search-ranking), run for real through the CLI: BM25 becomes the
 * champion on main; a pull request that ranks by raw term counts fails the gate on NDCG@10 and MAP
 * computed per query from the predictions, the bootstrap resampling whole queries, and the queries
 * whose NDCG fell most are named in result.json and report.md.
 */
class SearchRankingEndToEndIT {

    @TempDir
    Path tmp;

    @Test
    void aWorseRankerFailsTheGateNamingTheQueriesThatRegressed() throws IOException {
        Sandbox main = Sandbox.of("search-ranking", tmp, "main").withPython();
        Processes.Result champion = main.mlops("run");
        assertThat(champion.exitCode()).as(champion.toString()).isZero();
        JsonNode first =
                Json.mapper().readTree(main.out("evaluate-gate", "result.json").toFile());
        assertThat(first.path("outputs").path("promoted").asBoolean()).isTrue();
        Map<String, JsonNode> passed = SklearnSamplesEndToEndIT.criteria(first);
        assertThat(passed.get("ndcg@10.min").path("status").asText()).isEqualTo("PASS");
        assertThat(passed.get("recall@5.min").path("status").asText()).isEqualTo("PASS");

        main.git("checkout", "-q", "-b", "term-counts");
        Processes.Result pr = main.mlops("run", "--set", "train.params.scoring=tf");
        assertThat(pr.exitCode()).as(pr.toString()).isEqualTo(1);

        JsonNode gate =
                Json.mapper().readTree(main.out("evaluate-gate", "result.json").toFile());
        assertThat(gate.path("verdict").asText()).isEqualTo("FAIL");
        Map<String, JsonNode> c = SklearnSamplesEndToEndIT.criteria(gate);
        JsonNode ndcg = c.get("ndcg@10.max_drop");
        assertThat(ndcg.path("status").asText()).isEqualTo("FAIL");
        assertThat(ndcg.path("baseline").asDouble())
                .isGreaterThan(ndcg.path("actual").asDouble());
        assertThat(ndcg.path("interval").path("high").asDouble()).isLessThan(-0.02);
        assertThat(ndcg.path("interval").path("method").asText()).contains("whole queries resampled");
        assertThat(c.get("map.max_drop").path("status").asText()).isEqualTo("FAIL");
        JsonNode mrr = c.get("mrr.max_drop");
        assertThat(mrr.path("status").asText()).as("severity: warn").isEqualTo("WARN");
        assertThat(mrr.path("interval").path("high").asDouble()).isLessThan(-0.05);
        assertThat(c.get("recall@5.min").path("status").asText()).isEqualTo("PASS");

        // The 16 queries with a stuffed index page regressed; the 24 others rank the same.
        JsonNode examples = ndcg.path("examples");
        assertThat(examples.path("unit").asText()).isEqualTo("query");
        assertThat(examples.path("regressed").asInt()).isEqualTo(16);
        assertThat(examples.path("improved").asInt()).isZero();
        assertThat(examples.path("unchanged").asInt()).isEqualTo(24);
        List<String> worst = new ArrayList<>();
        examples.path("regressedMost").forEach(e -> worst.add(e.path("id").asText()));
        assertThat(worst).hasSize(5);
        JsonNode first5 = examples.path("regressedMost").get(0);
        assertThat(first5.path("input").asText()).as("the query's text").matches("[a-z]+ [a-z]+");
        assertThat(first5.path("change").asDouble()).isLessThan(-0.2);

        String md = Files.readString(main.out("evaluate-gate", "report.md"));
        assertThat(md)
                .contains("#### Examples that regressed")
                .contains("16 of 40 queries regressed")
                .contains("0 improved, 24 unchanged")
                .contains("| " + worst.get(0) + " | " + first5.path("input").asText() + " | ");
        JsonNode model = Json.mapper()
                .readTree(main.dir()
                        .resolve(".mlops/registry/models/doc-ranker.json")
                        .toFile());
        assertThat(model.path("aliases").path("champion").asText()).isEqualTo("1");
    }
}
