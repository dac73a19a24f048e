import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Trains an L2-regularised logistic regression by full-batch gradient descent — plain Java, no
 * libraries, so the sample runs on a machine with nothing but a JDK.
 *
 * <pre>java src/Train.java --train data/train.csv --eval data/eval.csv --out OUT</pre>
 *
 * Hyperparameters come from the environment mlops sets from train.params: MLOPS_PARAM_EPOCHS,
 * MLOPS_PARAM_LEARNING_RATE, MLOPS_PARAM_L2, MLOPS_PARAM_FEATURES (how many features to use).
 * Writes OUT/model.json (features, weights and standardisation; src/Score.java scores with it and
 * src/Serve.java serves it),
 * OUT/metrics.json and OUT/predictions.csv.
 */
public final class Train {

    record Row(String id, double[] x, String segment, int label) {
    }

    public static void main(String[] args) throws IOException {
        Path train = null;
        Path eval = null;
        Path out = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--train" -> train = Path.of(args[i + 1]);
                case "--eval" -> eval = Path.of(args[i + 1]);
                case "--out" -> out = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (train == null || eval == null || out == null) {
            System.err.println("usage: Train --train FILE --eval FILE --out DIR");
            System.exit(2);
        }
        int epochs = Integer.parseInt(param("EPOCHS", "300"));
        double lr = Double.parseDouble(param("LEARNING_RATE", "0.1"));
        double l2 = Double.parseDouble(param("L2", "0.001"));
        List<Row> trainRows = read(train);
        List<Row> evalRows = read(eval);
        int features = Math.min(Integer.parseInt(param("FEATURES", "5")), trainRows.get(0).x().length);

        double[] mean = new double[features];
        double[] std = new double[features];
        for (Row r : trainRows) {
            for (int j = 0; j < features; j++) {
                mean[j] += r.x()[j] / trainRows.size();
            }
        }
        for (Row r : trainRows) {
            for (int j = 0; j < features; j++) {
                std[j] += Math.pow(r.x()[j] - mean[j], 2) / trainRows.size();
            }
        }
        for (int j = 0; j < features; j++) {
            std[j] = Math.sqrt(std[j]) + 1e-12;
        }

        double[] w = new double[features];
        double b = 0;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            double[] gw = new double[features];
            double gb = 0;
            double loss = 0;
            for (Row r : trainRows) {
                double p = predict(r, w, b, mean, std);
                double err = p - r.label();
                for (int j = 0; j < features; j++) {
                    gw[j] += err * (r.x()[j] - mean[j]) / std[j];
                }
                gb += err;
                loss -= r.label() * Math.log(Math.max(p, 1e-15)) + (1 - r.label()) * Math.log(Math.max(1 - p, 1e-15));
            }
            for (int j = 0; j < features; j++) {
                w[j] -= lr * (gw[j] / trainRows.size() + l2 * w[j]);
            }
            b -= lr * gb / trainRows.size();
            if (epoch % 100 == 0 || epoch == epochs) {
                System.out.printf(Locale.ROOT, "epoch %d: train log loss %.4f%n", epoch, loss / trainRows.size());
            }
        }

        Files.createDirectories(out);
        int n = evalRows.size();
        double[] scores = new double[n];
        int correct = 0;
        int tp = 0;
        int fp = 0;
        int fn = 0;
        double logLoss = 0;
        try (PrintWriter p = new PrintWriter(Files.newBufferedWriter(out.resolve("predictions.csv")))) {
            p.println("id,label,prediction,score,segment");
            for (int i = 0; i < n; i++) {
                Row r = evalRows.get(i);
                double s = predict(r, w, b, mean, std);
                scores[i] = s;
                int yhat = s >= 0.5 ? 1 : 0;
                correct += yhat == r.label() ? 1 : 0;
                tp += yhat == 1 && r.label() == 1 ? 1 : 0;
                fp += yhat == 1 && r.label() == 0 ? 1 : 0;
                fn += yhat == 0 && r.label() == 1 ? 1 : 0;
                logLoss -= Math.log(Math.max(r.label() == 1 ? s : 1 - s, 1e-15));
                p.printf(Locale.ROOT, "%s,%d,%d,%.6f,%s%n", r.id(), r.label(), yhat, s, r.segment());
            }
        }
        double auc = auc(evalRows, scores);
        try (PrintWriter m = new PrintWriter(Files.newBufferedWriter(out.resolve("metrics.json")))) {
            m.printf(Locale.ROOT, "{\"accuracy\": %.6f, \"roc_auc\": %.6f, \"f1\": %.6f, \"log_loss\": %.6f}%n",
                    (double) correct / n, auc, 2.0 * tp / (2.0 * tp + fp + fn), logLoss / n);
        }
        try (PrintWriter m = new PrintWriter(Files.newBufferedWriter(out.resolve("model.json")))) {
            // Everything src/Score.java and src/Serve.java need to score new data: the features used
            // (by name, for requests), weights and the standardisation.
            m.printf(Locale.ROOT, "{\"type\": \"logistic-regression\", \"features\": [%s], \"bias\": %s,"
                    + " \"weights\": [%s], \"mean\": [%s], \"std\": [%s]}%n", names(features), Double.toString(b),
                    numbers(w), numbers(mean), numbers(std));
        }
        System.out.printf(Locale.ROOT, "eval: accuracy %.4f, roc_auc %.4f%n", (double) correct / n, auc);
    }

    /** Column names of the features, in the order of the data files (serving requests name them). */
    static final String[] FEATURES = {"amount", "velocity", "account_age", "hour_sin", "merchant_risk"};

    private static String names(int n) {
        StringBuilder out = new StringBuilder();
        for (int j = 0; j < n; j++) {
            out.append(j == 0 ? "" : ", ").append('"').append(FEATURES[j]).append('"');
        }
        return out.toString();
    }

    private static String numbers(double[] xs) {
        StringBuilder out = new StringBuilder();
        for (int j = 0; j < xs.length; j++) {
            out.append(j == 0 ? "" : ", ").append(xs[j]);
        }
        return out.toString();
    }

    private static String param(String name, String dflt) {
        String v = System.getenv("MLOPS_PARAM_" + name);
        return v == null || v.isBlank() ? dflt : v;
    }

    private static double predict(Row r, double[] w, double b, double[] mean, double[] std) {
        double z = b;
        for (int j = 0; j < w.length; j++) {
            z += w[j] * (r.x()[j] - mean[j]) / std[j];
        }
        return 1 / (1 + Math.exp(-z));
    }

    /** ROC AUC by the rank-sum formula (ties half). */
    private static double auc(List<Row> rows, double[] scores) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, c) -> Double.compare(scores[a], scores[c]));
        double negBelow = 0;
        double area = 0;
        double pos = 0;
        double neg = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            double gp = 0;
            double gn = 0;
            while (j < order.length && scores[order[j]] == scores[order[i]]) {
                if (rows.get(order[j]).label() == 1) {
                    gp++;
                } else {
                    gn++;
                }
                j++;
            }
            area += gp * (negBelow + gn / 2);
            negBelow += gn;
            pos += gp;
            neg += gn;
            i = j;
        }
        return area / (pos * neg);
    }

    private static List<Row> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<Row> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            double[] x = new double[5];
            for (int j = 0; j < 5; j++) {
                x[j] = Double.parseDouble(f[j + 1]);
            }
            rows.add(new Row(f[0], x, f[6], Integer.parseInt(f[7])));
        }
        return rows;
    }
}
