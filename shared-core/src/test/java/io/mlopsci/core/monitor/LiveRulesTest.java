package io.mlopsci.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsci.core.config.ConfigLoader;
import io.mlopsci.core.config.DataConfig;
import io.mlopsci.core.config.MlopsConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which of data.columns' rules apply to live records. */
class LiveRulesTest {

    @TempDir
    Path tmp;

    MlopsConfig load(String monitor) throws IOException {
        Path f = tmp.resolve("mlops.yaml");
        Files.writeString(f, """
                model: fraud
                data:
                  train: data/train.csv
                  label: label
                  columns:
                    id:      {type: integer, unique: true}
                    ts:      {type: string}
                    amount:  {type: number, min: 0, unique: true}
                    segment: {type: string, allowed: [web, store]}
                    label:   {type: integer, allowed: [0, 1]}
                train:
                  metrics: model/metrics.json
                  predictions: model/predictions.csv
                gate:
                  metrics:
                    roc_auc: {min: 0.8}
                """ + monitor);
        return ConfigLoader.load(f, new ConfigLoader.Options(null, null, Map.of(), List.of()));
    }

    @Test
    void notTheLabelNorTheRecordsOwnIdTimestampAndVersionNorUniqueness() throws IOException {
        MlopsConfig c = load("""
                monitor:
                  data: records
                  columns: {timestamp: ts}
                  rules: {exclude: [segment]}
                """);
        DataConfig live =
                LiveRules.forLive(c.data(), c.monitor().rules(), c.monitor().columns());
        assertThat(live.columns())
                .as("a request id is not the training data's id, whatever both are called")
                .containsOnlyKeys("amount");
        assertThat(live.columns().get("amount").rules())
                .as("uniqueness means nothing in a window of requests")
                .noneMatch(r -> r instanceof DataConfig.UniqueRule)
                .isNotEmpty();
        assertThat(live.validate()).containsExactly(DataConfig.Role.LIVE);
        assertThat(live.policy().extra())
                .as("records carry more than the features")
                .isEqualTo(DataConfig.Policy.ALLOW);
    }
}
