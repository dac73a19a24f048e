import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scores a model Train.java wrote on a data file — what the gate's {@code gate.evaluate} runs to
 * re-score the champion on a pull request's eval data.
 *
 * <pre>java src/Score.java --model DIR --data data/eval.csv --out predictions.csv [--metrics metrics.json]</pre>
 *
 * Writes the predictions CSV with the same columns as training (id,label,prediction,score,segment)
 * and, with --metrics, accuracy and log loss.
 */
public final class Score {

    public static void main(String[] args) throws IOException {
        Path model = null;
        Path data = null;
        Path out = null;
        Path metrics = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--model" -> model = Path.of(args[i + 1]);
                case "--data" -> data = Path.of(args[i + 1]);
                case "--out" -> out = Path.of(args[i + 1]);
                case "--metrics" -> metrics = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (model == null || data == null || out == null) {
            System.err.println("usage: Score --model DIR --data FILE --out FILE [--metrics FILE]");
            System.exit(2);
        }
        String json = Files.readString(model.resolve("model.json"));
        double bias = Double.parseDouble(field(json, "bias"));
        double[] w = array(json, "weights");
        double[] mean = array(json, "mean");
        double[] std = array(json, "std");
        List<String> lines = Files.readAllLines(data);
        int n = 0;
        int correct = 0;
        double logLoss = 0;
        Files.createDirectories(out.toAbsolutePath().getParent());
        try (PrintWriter p = new PrintWriter(Files.newBufferedWriter(out))) {
            p.println("id,label,prediction,score,segment");
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",");
                double z = bias;
                for (int j = 0; j < w.length; j++) {
                    z += w[j] * (Double.parseDouble(f[j + 1]) - mean[j]) / std[j];
                }
                double s = 1 / (1 + Math.exp(-z));
                int label = Integer.parseInt(f[7]);
                int yhat = s >= 0.5 ? 1 : 0;
                correct += yhat == label ? 1 : 0;
                logLoss -= Math.log(Math.max(label == 1 ? s : 1 - s, 1e-15));
                n++;
                p.printf(Locale.ROOT, "%s,%d,%d,%.6f,%s%n", f[0], label, yhat, s, f[6]);
            }
        }
        if (metrics != null) {
            try (PrintWriter m = new PrintWriter(Files.newBufferedWriter(metrics))) {
                m.printf(Locale.ROOT, "{\"accuracy\": %.6f, \"log_loss\": %.6f}%n", (double) correct / n, logLoss / n);
            }
        }
        System.out.printf(Locale.ROOT, "scored %d rows with %s%n", n, model);
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\\s*([-0-9.eE+]+)").matcher(json);
        if (!m.find()) {
            throw new IllegalArgumentException("model.json has no " + name);
        }
        return m.group(1);
    }

    private static double[] array(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\\s*\\[([^\\]]*)]").matcher(json);
        if (!m.find()) {
            throw new IllegalArgumentException("model.json has no " + name + " (trained by an older Train.java?)");
        }
        List<Double> xs = new ArrayList<>();
        for (String s : m.group(1).split(",")) {
            if (!s.isBlank()) {
                xs.add(Double.parseDouble(s.trim()));
            }
        }
        return xs.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
