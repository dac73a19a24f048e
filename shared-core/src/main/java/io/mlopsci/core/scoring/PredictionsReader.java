package io.mlopsci.core.scoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.mlopsci.core.config.TrainConfig;
import io.mlopsci.core.error.MlopsException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a predictions CSV (header row; columns named by {@code train.predictions}). Every problem
 * names the file, the line and the column: a missing column (with the columns that exist), a row
 * with more or fewer fields than the header, an empty label, a score that is not a probability,
 * duplicate ids.
 */
public final class PredictionsReader {

    private static final CsvMapper CSV =
            CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY).build();

    private PredictionsReader() {}

    public static Predictions read(Path file, String display, TrainConfig.PredictionsConfig cols) {
        if (!Files.isRegularFile(file)) {
            throw MlopsException.input("no predictions file at " + display + " (see train.predictions)");
        }
        List<String[]> rows = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        String[] header;
        try (Reader reader = new InputStreamReader(
                        Files.newInputStream(file),
                        StandardCharsets.UTF_8
                                .newDecoder()
                                .onMalformedInput(CodingErrorAction.REPORT)
                                .onUnmappableCharacter(CodingErrorAction.REPORT));
                MappingIterator<String[]> it = CSV.readerFor(String[].class).readValues(reader)) {
            if (!it.hasNextValue()) {
                throw MlopsException.input(display + ": the file is empty; expected a header row with " + cols.label()
                        + " and " + cols.prediction() + " columns");
            }
            header = it.nextValue();
            for (int i = 0; i < header.length; i++) {
                header[i] = header[i].trim();
            }
            if (header.length > 0 && header[0].startsWith("\uFEFF")) {
                // A byte order mark (spreadsheets write one) would hide the first column's name.
                header[0] = header[0].substring(1).trim();
            }
            while (it.hasNextValue()) {
                int line = it.getCurrentLocation().getLineNr();
                String[] row = it.nextValue();
                if (row.length == 1 && row[0].isEmpty()) {
                    continue;
                }
                if (row.length != header.length) {
                    throw MlopsException.input(display + ":" + line + ": the row has " + row.length
                            + " fields, the header has " + header.length + "; every row needs one value per column");
                }
                rows.add(row);
                lines.add(line);
            }
        } catch (JsonProcessingException e) {
            throw MlopsException.input(
                    display + ":" + e.getLocation().getLineNr() + ": malformed CSV (" + e.getOriginalMessage() + ")",
                    e);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw MlopsException.input(display + ": not valid UTF-8 text", e);
        } catch (IOException e) {
            throw MlopsException.input("cannot read " + display + ": " + e.getMessage(), e);
        }
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < header.length; i++) {
            if (index.put(header[i], i) != null) {
                throw MlopsException.input(display + ":1: the column '" + header[i] + "' appears twice in the header");
            }
        }
        int label = require(index, cols.label(), display, "true labels (train.predictions.label)");
        int pred =
                require(index, cols.prediction(), display, "predicted labels or values (train.predictions.prediction)");
        Integer idCol = index.get(cols.id());
        Integer scoreCol = index.get(cols.score());
        if (rows.isEmpty()) {
            throw MlopsException.input(display + ": the file has a header but no rows");
        }
        int n = rows.size();
        String[] ids = new String[n];
        String[] labels = new String[n];
        String[] predicted = new String[n];
        double[] score = scoreCol == null ? null : new double[n];
        Map<String, double[]> classScores = new LinkedHashMap<>();
        Map<String, Integer> classCols = new LinkedHashMap<>();
        Map<String, String[]> other = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> e : index.entrySet()) {
            String name = e.getKey();
            if (cols.scorePrefix() != null
                    && !cols.scorePrefix().isEmpty()
                    && name.startsWith(cols.scorePrefix())
                    && !name.equals(cols.score())
                    && name.length() > cols.scorePrefix().length()) {
                String cls =
                        Predictions.canonical(name.substring(cols.scorePrefix().length()));
                classCols.put(cls, e.getValue());
                classScores.put(cls, new double[n]);
            } else {
                other.put(name, new String[n]);
            }
        }
        Set<String> seen = new HashSet<>();
        for (int r = 0; r < n; r++) {
            String[] row = rows.get(r);
            int line = lines.get(r);
            ids[r] = idCol == null ? Integer.toString(r + 1) : row[idCol].trim();
            if (idCol != null && !seen.add(ids[r])) {
                throw MlopsException.input(display + ":" + line + ": duplicate id '" + abbreviate(ids[r])
                        + "' in column '" + cols.id() + "'; ids must be unique to pair candidate and baseline rows");
            }
            labels[r] = Predictions.canonical(row[label]);
            if (labels[r].isEmpty()) {
                throw MlopsException.input(
                        display + ":" + line + ": empty value in the label column '" + cols.label() + "'");
            }
            predicted[r] = Predictions.canonical(row[pred]);
            if (predicted[r].isEmpty()) {
                throw MlopsException.input(
                        display + ":" + line + ": empty value in the prediction column '" + cols.prediction() + "'");
            }
            if (score != null) {
                score[r] = probability(row[scoreCol], display, line, cols.score());
            }
            for (Map.Entry<String, Integer> e : classCols.entrySet()) {
                classScores.get(e.getKey())[r] = probability(row[e.getValue()], display, line, header[e.getValue()]);
            }
            for (Map.Entry<String, String[]> e : other.entrySet()) {
                e.getValue()[r] = row[index.get(e.getKey())];
            }
        }
        return new Predictions(display, ids, labels, predicted, score, classScores, other, idCol != null);
    }

    private static int require(Map<String, Integer> index, String name, String display, String what) {
        Integer i = index.get(name);
        if (i == null) {
            throw MlopsException.input(display + ":1: missing column '" + name + "' (" + what + "); the header has: "
                    + String.join(", ", index.keySet()));
        }
        return i;
    }

    private static double probability(String raw, String display, int line, String column) {
        try {
            double d = Double.parseDouble(raw.trim());
            if (d >= 0 && d <= 1) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw MlopsException.input(display + ":" + line + ": column '" + column + "' has '" + abbreviate(raw)
                + "'; expected a probability between 0 and 1");
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
