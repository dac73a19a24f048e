package io.mlopsci.core.data.drift;

import io.mlopsci.core.testing.Requirements;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The stored scipy reference cases every engine's drift is checked against: two data sets (small:
 * 800/600 rows, exact KS p-values; large: 12,000/11,000 rows, {@code kstwo}) times every method,
 * each set's {@code reference.csv}, {@code current.csv} and scipy's {@code expected.json}
 * (written by {@code make_fixtures.py}, which {@link DriftFixturesIT} re-runs).
 */
public final class DriftFixtureCases {

    public static final Path DIR =
            Requirements.repoRoot().resolve("shared-core/src/test/resources/io/mlopsci/core/data/drift");

    static final List<String> SETS = List.of("small", "large");
    static final List<String> METHODS = List.of("psi", "jensenshannon", "chisquare", "ks", "wasserstein", "auto");

    private DriftFixtureCases() {}

    /** (set, method) for every set and method: a {@code @MethodSource} for parameterized tests. */
    public static Stream<Arguments> cases() {
        return SETS.stream().flatMap(set -> METHODS.stream().map(method -> Arguments.of(set, method)));
    }
}
