package io.mlopsci.core.scoring.read;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.mlopsci.core.error.MlopsException;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads a predictions CSV (a header row, then one example per row) and hands each row on. A row
 * with more or fewer fields than the header, malformed quoting and a header naming a column twice
 * are errors naming the line.
 */
final class CsvRows {

    private static final CsvFactory CSV =
            CsvFactory.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY).build();

    private CsvRows() {}

    /** Reads the header, then calls {@code each} for every row; returns the header's column names. */
    static List<String> read(Path file, String display, Consumer<List<String>> header, Consumer<PredictionRow> each) {
        // Jackson's streaming parser, one token at a time: the values of a row go straight into one
        // array (no data binding per row), and each row is handed on as it is read.
        try (Reader reader = TextFiles.utf8(file);
                JsonParser parser = CSV.createParser(reader)) {
            List<String> values = new ArrayList<>();
            // The whole file is one array (of rows, each an array of values).
            if (parser.nextToken() != JsonToken.START_ARRAY || nextRow(parser, values) < 0) {
                throw MlopsException.input(display + ": the file is empty; expected a header row naming the columns");
            }
            String[] names = values.toArray(new String[0]);
            for (int i = 0; i < names.length; i++) {
                names[i] = names[i].trim();
            }
            if (names.length > 0 && names[0].startsWith("\uFEFF")) {
                // A byte order mark (spreadsheets write one) would hide the first column's name.
                names[0] = names[0].substring(1).trim();
            }
            Map<String, Integer> index = new LinkedHashMap<>();
            for (int i = 0; i < names.length; i++) {
                if (index.put(names[i], i) != null) {
                    throw MlopsException.input(
                            display + ":1: the column '" + names[i] + "' appears twice in the header");
                }
            }
            List<String> columns = List.copyOf(index.keySet());
            header.accept(columns);
            int line;
            while ((line = nextRow(parser, values)) >= 0) {
                if (values.size() == 1 && values.get(0).isEmpty()) {
                    continue;
                }
                if (values.size() != names.length) {
                    throw MlopsException.input(display + ":" + line + ": the row has " + values.size()
                            + " fields, the header has " + names.length + "; every row needs one value per column");
                }
                each.accept(new Row(line, values.toArray(new String[0]), index, columns));
            }
            return columns;
        } catch (JsonProcessingException e) {
            throw MlopsException.input(
                    display + ":" + e.getLocation().getLineNr() + ": malformed CSV (" + e.getOriginalMessage() + ")",
                    e);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw MlopsException.input(display + ": not valid UTF-8 text", e);
        } catch (IOException e) {
            throw MlopsException.input("cannot read " + display + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads the next row's values into {@code values}; returns the line the row starts on (as the
     * parser reports it on the row's start), or -1 at the end of the file.
     */
    private static int nextRow(JsonParser parser, List<String> values) throws IOException {
        values.clear();
        if (parser.nextToken() != JsonToken.START_ARRAY) {
            return -1;
        }
        int line = parser.currentLocation().getLineNr();
        while (true) {
            String value = parser.nextTextValue();
            if (value == null) {
                JsonToken t = parser.currentToken();
                if (t == null || t == JsonToken.END_ARRAY) {
                    return line;
                }
                value = parser.getValueAsString();
            }
            values.add(value);
        }
    }

    private record Row(int line, String[] values, Map<String, Integer> index, List<String> columns)
            implements PredictionRow {

        @Override
        public Cell get(String path) {
            Integer i = index.get(path);
            return i == null ? null : new Cell(Cell.Type.TEXT, values[i]);
        }

        @Override
        public List<String> near(String path) {
            return columns;
        }
    }
}
