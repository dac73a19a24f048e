package io.mlopsci.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsci.contract.StepId;
import io.mlopsci.core.testing.Requirements;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A step's name is written once, in the contract's {@link StepId}: every other source in the
 * repository (engine, action, plugin) takes it from there. The same words as mlops.yaml's section
 * keys, or as unrelated fields, are allowed where listed, and nowhere else.
 */
class StepNamesTest {

    /** Where a step's word is something else: mlops.yaml keys, document fields, labels. */
    private static final Map<String, Set<String>> OTHER_MEANINGS = Map.of(
            "train",
            Set.of(
                    "shared-core/src/main/java/io/mlopsci/core/config/ConfigLoader.java", // the train: section
                    "shared-core/src/main/java/io/mlopsci/core/config/TrainSection.java",
                    "shared-core/src/main/java/io/mlopsci/core/config/DataSection.java", // data.train, a file role
                    "shared-core/src/main/java/io/mlopsci/core/registry/DatasetTags.java"), // data.train of a run
            "package",
            Set.of(
                    "shared-core/src/main/java/io/mlopsci/core/config/ConfigLoader.java", // the package: section
                    "shared-core/src/main/java/io/mlopsci/core/config/PackageSection.java",
                    "shared-core/src/main/java/io/mlopsci/core/config/CrossFieldRules.java", // package.base, .context
                    "shared-core/src/main/java/io/mlopsci/core/config/ReferencedFiles.java", // package.dockerfile
                    "shared-core/src/main/java/io/mlopsci/core/pipeline/RunPlan.java"), // the package: section
            "monitor",
            Set.of(
                    "shared-core/src/main/java/io/mlopsci/core/config/ConfigLoader.java", // the monitor: section
                    "shared-core/src/main/java/io/mlopsci/core/config/MonitorSection.java"),
            "rollback",
            Set.of("shared-core/src/main/java/io/mlopsci/core/config/DeploySection.java"), // on_inconclusive: rollback
            "run",
            Set.of(
                    "shared-core/src/main/java/io/mlopsci/core/gate/BaselineRescorer.java", // a cache key's run field
                    "shared-core/src/main/java/io/mlopsci/core/report/ReportText.java")); // the "run" id line

    @Test
    void eachStepNameIsWrittenOnce() throws IOException {
        Path root = Requirements.repoRoot();
        List<Path> sources = new ArrayList<>();
        for (String module : List.of("contract", "shared-core", "github-action", "jenkins-plugin")) {
            Path main = root.resolve(module).resolve("src/main/java");
            if (Files.isDirectory(main)) {
                try (Stream<Path> s = Files.walk(main)) {
                    s.filter(p -> p.toString().endsWith(".java")).forEach(sources::add);
                }
            }
        }
        assertThat(sources).hasSizeGreaterThan(200);
        for (StepId step : StepId.values()) {
            String literal = "\"" + step.id() + "\"";
            List<String> where = new ArrayList<>();
            for (Path p : sources) {
                if (Files.readString(p).contains(literal)) {
                    where.add(root.relativize(p).toString().replace('\\', '/'));
                }
            }
            where.removeAll(OTHER_MEANINGS.getOrDefault(step.id(), Set.of()));
            assertThat(where)
                    .as("files that write " + literal)
                    .containsExactly("contract/src/main/java/io/mlopsci/contract/StepId.java");
        }
    }
}
