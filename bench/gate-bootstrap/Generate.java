import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes a synthetic champion/candidate pair for bench/gate-bootstrap.sh: the same ROWS rows (same
 * ids, same labels) scored by two binary classifiers of nearly equal quality, as predictions.csv
 * (id, label, prediction, score) and metrics.json in DIR/champion and DIR/candidate. Deterministic:
 * the same ROWS give the same files.
 *   java bench/gate-bootstrap/Generate.java DIR ROWS
 */
public class Generate {
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int rows = Integer.parseInt(args[1]);
        SplittableRandom rng = new SplittableRandom(20261206L);
        int[] label = new int[rows];
        double[] signal = new double[rows];
        for (int i = 0; i < rows; i++) {
            label[i] = rng.nextDouble() < 0.4 ? 1 : 0;
            signal[i] = (label[i] == 1 ? 1.0 : -1.0) + rng.nextGaussian();
        }
        write(dir.resolve("champion"), label, signal, 1.1, new SplittableRandom(1));
        write(dir.resolve("candidate"), label, signal, 1.0, new SplittableRandom(2));
    }

    /** Scores: a logistic function of the shared signal plus the model's own noise (sd = noise). */
    static void write(Path dir, int[] label, double[] signal, double noise, SplittableRandom rng) throws IOException {
        Files.createDirectories(dir);
        int correct = 0;
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(dir.resolve("predictions.csv")))) {
            w.println("id,label,prediction,score");
            for (int i = 0; i < label.length; i++) {
                double z = signal[i] + noise * rng.nextGaussian();
                double p = 1 / (1 + Math.exp(-1.5 * z));
                int predicted = p >= 0.5 ? 1 : 0;
                correct += predicted == label[i] ? 1 : 0;
                w.printf(Locale.ROOT, "r%d,%d,%d,%.6f%n", i, label[i], predicted, p);
            }
        }
        Files.writeString(
                dir.resolve("metrics.json"),
                String.format(Locale.ROOT, "{\"accuracy\": %.6f}%n", (double) correct / label.length));
    }
}
