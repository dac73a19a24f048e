package io.mlopsci.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class DatasetTagsTest {

    @Test
    void aRoleWithoutAFileHasNoTagsAndTheOthersKeepTheirs() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("train", "data/train.csv");
        files.put("eval", null); // no data.eval configured
        // The run's hashes are a sorted map, as the train step keeps them.
        Map<String, String> hashes = new TreeMap<>(Map.of("data/train.csv", "ab12"));

        assertThat(DatasetTags.of(files, hashes))
                .containsExactly(
                        Map.entry("mlops.data.train", "data/train.csv"), Map.entry("mlops.data.train.sha256", "ab12"));
    }
}
