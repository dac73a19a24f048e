package io.mlopsci.core.scoring.read;

import io.mlopsci.core.collect.DoubleList;
import io.mlopsci.core.config.GateConfig;
import io.mlopsci.core.config.TrainConfig;
import io.mlopsci.core.error.MlopsException;
import io.mlopsci.core.scoring.Predictions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects rows into {@link Predictions}. What the file holds is decided on its first row (or CSV
 * header): whether it has ids, labels, predictions, a score and per-class probabilities; every
 * later row must then hold them too, and every field the gate reads must be in every row.
 */
final class PredictionsBuilder {

    private final String display;
    private final TrainConfig.PredictionsConfig cols;
    /** Whether a field the file does not have at all is left out instead of refused (an earlier run's file). */
    private final boolean absentFieldsAllowed;
    /** Fields read as numbers (number, boolean, relevance), by path, with the first field asking. */
    private final Map<String, TrainConfig.Field> numberFields = new LinkedHashMap<>();
    /** Fields read as text, by path. */
    private final Map<String, TrainConfig.Field> textFields = new LinkedHashMap<>();

    private boolean started;
    private boolean hasIds;
    private boolean hasLabels;
    private boolean hasPredictions;
    private boolean hasScore;
    private final Map<String, String> classColumns = new LinkedHashMap<>();

    private final List<String> ids = new ArrayList<>();
    private final List<String> labels = new ArrayList<>();
    private final List<String> predicted = new ArrayList<>();
    private final DoubleList score = new DoubleList();
    private final Map<String, DoubleList> classScores = new LinkedHashMap<>();
    private final Map<String, List<String>> columns = new LinkedHashMap<>();
    /**
     * What each row adds, decided once in {@link #allocate}: per class column its path and scores;
     * per text column its path, what it is needed by, its values and their shared copies (a label
     * column holds two strings, not one per row); per number field the field, what it is needed by
     * and its values, instead of map look-ups and string concatenation on every row.
     */
    private String[] classPaths = new String[0];

    private DoubleList[] classLists = new DoubleList[0];
    private String[] columnPaths = new String[0];
    private String[] columnNeeds = new String[0];

    @SuppressWarnings("unchecked")
    private List<String>[] columnLists = new List[0];

    private RepeatedValues[] columnShared = new RepeatedValues[0];
    private TrainConfig.Field[] numberFieldList = new TrainConfig.Field[0];
    private String[] numberNeeds = new String[0];
    private DoubleList[] numberLists = new DoubleList[0];
    /** Canonical labels and predicted classes by their text as written: a class set is small. */
    private final RepeatedValues canonical = new RepeatedValues(Predictions::canonical);

    private final Map<String, DoubleList> numbers = new LinkedHashMap<>();
    private final IntList lines = new IntList();
    private final Set<String> seen = new HashSet<>();

    PredictionsBuilder(String display, TrainConfig.PredictionsConfig cols, boolean absentFieldsAllowed) {
        this.display = display;
        this.cols = cols;
        this.absentFieldsAllowed = absentFieldsAllowed;
        for (TrainConfig.Field f : cols.fields()) {
            if (f.kind() == GateConfig.FieldKind.TEXT) {
                textFields.putIfAbsent(f.path(), f);
            } else {
                // A relevance is a number too; the stricter kind wins.
                TrainConfig.Field had = numberFields.get(f.path());
                if (had == null || f.kind() == GateConfig.FieldKind.RELEVANCE) {
                    numberFields.put(f.path(), f);
                }
            }
        }
    }

    private boolean required(String path) {
        return path != null && (textFields.containsKey(path) || numberFields.containsKey(path));
    }

    /** CSV: the header's column names, before any row. */
    void header(List<String> names) {
        hasIds = names.contains(cols.id());
        hasLabels = names.contains(cols.label());
        hasPredictions = names.contains(cols.prediction());
        hasScore = names.contains(cols.score());
        if (absentFieldsAllowed) {
            textFields.keySet().retainAll(names);
            numberFields.keySet().retainAll(names);
        }
        for (String path : requiredPaths()) {
            if (!names.contains(path)) {
                throw MlopsException.input(display + ":1: missing column '" + path + "' (" + neededBy(path)
                        + "); the header has: " + String.join(", ", names));
            }
        }
        for (String name : names) {
            if (isClassColumn(name)) {
                classColumns.put(
                        Predictions.canonical(name.substring(cols.scorePrefix().length())), name);
            }
        }
        started = true;
        allocate();
    }

    private Set<String> requiredPaths() {
        Set<String> out = new LinkedHashSet<>(textFields.keySet());
        out.addAll(numberFields.keySet());
        return out;
    }

    private String neededBy(String path) {
        TrainConfig.Field f = textFields.containsKey(path) ? textFields.get(path) : numberFields.get(path);
        return f == null ? "train.predictions" : "needed by " + f.neededBy();
    }

    private boolean isClassColumn(String name) {
        return cols.scorePrefix() != null
                && !cols.scorePrefix().isEmpty()
                && name.startsWith(cols.scorePrefix())
                && !name.equals(cols.score())
                && name.length() > cols.scorePrefix().length();
    }

    /** JSON lines: the first row decides which optional fields the file has. */
    private void first(PredictionRow row) {
        hasIds = row.get(cols.id()) != null;
        hasLabels = row.get(cols.label()) != null;
        hasPredictions = row.get(cols.prediction()) != null;
        hasScore = row.get(cols.score()) != null;
        if (absentFieldsAllowed) {
            textFields.keySet().removeIf(path -> row.get(path) == null);
            numberFields.keySet().removeIf(path -> row.get(path) == null);
        }
        for (String name : row.near("")) {
            if (isClassColumn(name)) {
                classColumns.put(
                        Predictions.canonical(name.substring(cols.scorePrefix().length())), name);
            }
        }
        started = true;
        allocate();
    }

    private void allocate() {
        hasLabels |= required(cols.label());
        hasPredictions |= required(cols.prediction());
        classColumns.keySet().forEach(c -> classScores.put(c, new DoubleList()));
        // Only the text fields a rule reads are kept (slices, the input shown, query ids, text
        // scores), from CSV as from JSON lines: a column nothing reads would cost a list, and a
        // look-up on every row, for nothing.
        for (String p : textFields.keySet()) {
            columns.put(p, new ArrayList<>());
        }
        numberFields.keySet().forEach(p -> numbers.put(p, new DoubleList()));
        classPaths = classColumns.values().toArray(new String[0]);
        classLists = classScores.values().toArray(new DoubleList[0]);
        columnPaths = columns.keySet().toArray(new String[0]);
        columnNeeds = new String[columnPaths.length];
        columnShared = new RepeatedValues[columnPaths.length];
        @SuppressWarnings("unchecked")
        List<String>[] lists = columns.values().toArray(new List[0]);
        columnLists = lists;
        for (int i = 0; i < columnPaths.length; i++) {
            columnNeeds[i] = textFields.get(columnPaths[i]).neededBy();
            columnShared[i] = new RepeatedValues(v -> v);
        }
        numberFieldList = numberFields.values().toArray(new TrainConfig.Field[0]);
        numberNeeds = new String[numberFieldList.length];
        for (int i = 0; i < numberFieldList.length; i++) {
            numberNeeds[i] = "needed by " + numberFieldList[i].neededBy();
        }
        numberLists = numbers.values().toArray(new DoubleList[0]);
    }

    void accept(PredictionRow row) {
        if (!started) {
            first(row);
        }
        int line = row.line();
        lines.add(line);
        String id;
        if (!hasIds) {
            id = Integer.toString(ids.size() + 1);
        } else {
            id = text(row, cols.id(), "the id (train.predictions.id)", true);
            if (!seen.add(id)) {
                throw MlopsException.input(display + ":" + line + ": duplicate id '" + PredictionRow.Cell.abbreviate(id)
                        + "' in field '" + cols.id()
                        + "'; ids must be unique to pair candidate and baseline rows");
            }
        }
        ids.add(id);
        if (hasLabels) {
            String label = canonical.of(text(row, cols.label(), "the true label (train.predictions.label)", true));
            if (label.isEmpty()) {
                throw MlopsException.input(
                        display + ":" + line + ": empty value in the label field '" + cols.label() + "'");
            }
            labels.add(label);
        }
        if (hasPredictions) {
            String p =
                    canonical.of(text(row, cols.prediction(), "the prediction (train.predictions.prediction)", true));
            if (p.isEmpty()) {
                throw MlopsException.input(
                        display + ":" + line + ": empty value in the prediction field '" + cols.prediction() + "'");
            }
            predicted.add(p);
        }
        if (hasScore) {
            score.add(
                    cols.query() == null
                            ? probability(row, cols.score())
                            : number(row, cols.score(), "the ranking score (train.predictions.score)"));
        }
        for (int i = 0; i < classPaths.length; i++) {
            classLists[i].add(probability(row, classPaths[i]));
        }
        for (int i = 0; i < columnPaths.length; i++) {
            columnLists[i].add(columnShared[i].of(text(row, columnPaths[i], columnNeeds[i], false)));
        }
        for (int i = 0; i < numberFieldList.length; i++) {
            numberLists[i].add(value(row, numberFieldList[i], numberNeeds[i]));
        }
    }

    Predictions build(int skipped) {
        if (ids.isEmpty()) {
            throw MlopsException.input(display + ": the file has " + (started ? "a header but no rows" : "no rows")
                    + "; expected one example per " + (started ? "row" : "line"));
        }
        Map<String, double[]> cs = new LinkedHashMap<>();
        classScores.forEach((k, v) -> cs.put(k, v.toArray()));
        Map<String, String[]> cols2 = new LinkedHashMap<>();
        columns.forEach((k, v) -> cols2.put(k, v.toArray(new String[0])));
        Map<String, double[]> nums = new LinkedHashMap<>();
        numbers.forEach((k, v) -> nums.put(k, v.toArray()));
        int[] ln = lines.toArray();
        return new Predictions(
                display,
                ids.toArray(new String[0]),
                hasLabels ? labels.toArray(new String[0]) : null,
                hasPredictions ? predicted.toArray(new String[0]) : null,
                hasScore ? score.toArray() : null,
                cs,
                cols2,
                nums,
                ln,
                hasIds);
    }

    // ---- values --------------------------------------------------------------------------------

    private PredictionRow.Cell cell(PredictionRow row, String path, String what) {
        PredictionRow.Cell c = row.get(path);
        if (c == null) {
            List<String> near = row.near(path);
            throw MlopsException.input(display + ":" + row.line() + ": no field '" + path + "' (" + what + "); "
                    + (near.isEmpty() ? "the line has no fields" : "there is: " + String.join(", ", limit(near))));
        }
        return c;
    }

    private static List<String> limit(List<String> names) {
        return names.size() <= 12
                ? names
                : java.util.stream.Stream.concat(names.subList(0, 12).stream(), java.util.stream.Stream.of("…"))
                        .toList();
    }

    private String text(PredictionRow row, String path, String what, boolean scalarOnly) {
        PredictionRow.Cell c = cell(row, path, what);
        return switch (c.type()) {
            case TEXT, NUMBER ->
                c.type() == PredictionRow.Cell.Type.NUMBER ? Predictions.canonical(c.text()) : c.text();
            case BOOLEAN -> c.text();
            case NULL -> {
                if (scalarOnly) {
                    throw bad(row, path, c, what, "a value");
                }
                yield "";
            }
            case STRUCTURE -> throw bad(row, path, c, what, "a single value (text or a number)");
        };
    }

    private MlopsException bad(PredictionRow row, String path, PredictionRow.Cell c, String what, String expected) {
        return MlopsException.input(display + ":" + row.line() + ": field '" + path + "' (" + what + ") has "
                + c.shown() + "; expected " + expected);
    }

    private double value(PredictionRow row, TrainConfig.Field f, String what) {
        return switch (f.kind()) {
            case BOOLEAN -> bool(row, f.path(), what);
            case RELEVANCE -> {
                double d = number(row, f.path(), what);
                if (d < 0) {
                    throw bad(row, f.path(), cell(row, f.path(), what), what, "a relevance ≥ 0 (0: not relevant)");
                }
                yield d;
            }
            default -> number(row, f.path(), what);
        };
    }

    private double number(PredictionRow row, String path, String what) {
        PredictionRow.Cell c = cell(row, path, what);
        if (c.type() == PredictionRow.Cell.Type.NUMBER || c.type() == PredictionRow.Cell.Type.TEXT) {
            try {
                double d = Double.parseDouble(c.text().trim());
                if (Double.isFinite(d)) {
                    return d;
                }
                throw bad(row, path, c, what, "a finite number");
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw bad(
                row,
                path,
                c,
                what,
                c.type() == PredictionRow.Cell.Type.BOOLEAN
                        ? "a number (for the share of true values use 'aggregate: rate')"
                        : "a number");
    }

    private double bool(PredictionRow row, String path, String what) {
        PredictionRow.Cell c = cell(row, path, what);
        String t = c.text().trim();
        if (c.type() == PredictionRow.Cell.Type.BOOLEAN) {
            return t.equals("true") ? 1 : 0;
        }
        if (c.type() == PredictionRow.Cell.Type.TEXT || c.type() == PredictionRow.Cell.Type.NUMBER) {
            if (t.equalsIgnoreCase("true")) {
                return 1;
            }
            if (t.equalsIgnoreCase("false")) {
                return 0;
            }
            try {
                double d = Double.parseDouble(t);
                if (d == 0 || d == 1) {
                    return d;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw bad(
                row,
                path,
                c,
                what,
                "a boolean: true/false or 1/0"
                        + (c.type() == PredictionRow.Cell.Type.TEXT
                                ? " (other words are not guessed; to count a word use where: \"== "
                                        + PredictionRow.Cell.abbreviate(t) + "\")"
                                : ""));
    }

    private static final String SCORE_PROBABILITY = "a probability (train.predictions.score)";
    private static final String CLASS_PROBABILITY = "a probability (train.predictions.score_prefix)";

    private double probability(PredictionRow row, String path) {
        String what = path.equals(cols.score()) ? SCORE_PROBABILITY : CLASS_PROBABILITY;
        PredictionRow.Cell c = cell(row, path, what);
        try {
            if (c.type() == PredictionRow.Cell.Type.NUMBER || c.type() == PredictionRow.Cell.Type.TEXT) {
                double d = Double.parseDouble(c.text().trim());
                if (d >= 0 && d <= 1) {
                    return d;
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw MlopsException.input(display + ":" + row.line() + ": column '" + path + "' has " + c.shown()
                + "; expected a probability between 0 and 1"
                + (cols.query() == null ? "" : ""));
    }

    /**
     * A value per text, computed once per distinct text and shared by every row that has it, for
     * the first {@link #LIMIT} distinct texts; a column with more (ids, free text) is passed
     * through from then on, at no further cost.
     */
    private static final class RepeatedValues {
        private static final int LIMIT = 256;
        private final java.util.function.UnaryOperator<String> value;
        private final Map<String, String> byText = new java.util.HashMap<>();
        private final Map<String, String> shared = new java.util.HashMap<>();
        private boolean many;

        RepeatedValues(java.util.function.UnaryOperator<String> value) {
            this.value = value;
        }

        String of(String text) {
            if (many) {
                return value.apply(text);
            }
            String v = byText.get(text);
            if (v == null) {
                if (byText.size() == LIMIT) {
                    many = true;
                    byText.clear();
                    shared.clear();
                    return value.apply(text);
                }
                v = shared.computeIfAbsent(value.apply(text), k -> k);
                byText.put(text, v);
            }
            return v;
        }
    }

    /** A growable array of ints. */
    private static final class IntList {
        private int[] a = new int[64];
        private int n;

        void add(int i) {
            if (n == a.length) {
                a = java.util.Arrays.copyOf(a, n * 2);
            }
            a[n++] = i;
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(a, n);
        }
    }
}
