import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * Generates the sample's data: a synthetic card-fraud table with five numeric features, a sales
 * channel ("segment") and a binary label drawn from a logistic model. Deterministic (seed 42).
 *
 * <pre>java src/MakeData.java data</pre>
 */
public final class MakeData {

    private static final String[] SEGMENTS = {"web", "mobile", "store"};
    private static final double[] SEGMENT_BIAS = {0.3, -0.2, -0.6};
    private static final double[] WEIGHTS = {1.6, -1.1, 0.8, 0.0, 0.45};

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "data");
        Files.createDirectories(dir);
        Random rng = new Random(42);
        write(dir.resolve("train.csv"), 2000, 0, rng);
        write(dir.resolve("eval.csv"), 1000, 2000, rng);
    }

    private static void write(Path file, int rows, int firstId, Random rng) throws IOException {
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file))) {
            w.println("id,amount,velocity,account_age,hour_sin,merchant_risk,segment,label");
            for (int i = 0; i < rows; i++) {
                int s = rng.nextInt(SEGMENTS.length);
                double[] x = new double[WEIGHTS.length];
                double z = SEGMENT_BIAS[s];
                for (int j = 0; j < x.length; j++) {
                    x[j] = rng.nextGaussian();
                    z += WEIGHTS[j] * x[j];
                }
                int label = rng.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
                w.printf(Locale.ROOT, "%d,%.5f,%.5f,%.5f,%.5f,%.5f,%s,%d%n", firstId + i, x[0], x[1], x[2], x[3], x[4],
                        SEGMENTS[s], label);
            }
        }
    }
}
