package io.mlopsci.core.scoring;

import io.mlopsci.core.config.ConfigLoader;
import io.mlopsci.core.config.MlopsConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The score and ranking fixtures (src/test/resources/fixtures/scores, made by make_fixtures.py there). */
final class ScoreFixtures {

    static final Path DIR = Path.of("src/test/resources/fixtures/scores").toAbsolutePath();

    private ScoreFixtures() {}

    /** Loads a configuration written next to the fixtures, as a user would write it. */
    static MlopsConfig config(Path tmp, String yaml) throws IOException {
        Path f = tmp.resolve("mlops.yaml");
        Files.writeString(f, yaml);
        return ConfigLoader.load(f, new ConfigLoader.Options(null, null, Map.of(), List.of()));
    }

    /** The one-column weights file {@code name}, one weight per row. */
    static double[] weights(String name) throws IOException {
        List<String> lines = Files.readAllLines(DIR.resolve(name));
        double[] w = new double[lines.size() - 1];
        for (int i = 0; i < w.length; i++) {
            w[i] = Double.parseDouble(lines.get(i + 1).trim());
        }
        return w;
    }

    /** Equal to the reference to 1e-12, relative to the reference's size when it is above 1 (sums). */
    static boolean close(double actual, double expected) {
        return Math.abs(actual - expected) <= 1e-12 * Math.max(1, Math.abs(expected));
    }
}
