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
import java.util.Arrays;
import java.util.HashMap;
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

    /**
     * Reads the header, then calls {@code each} for every row; returns the header's column names.
     * The row handed to {@code each} is valid during that call only: the next row is read into it.
     */
    static List<String> read(Path file, String display, Consumer<List<String>> header, Consumer<PredictionRow> each) {
        // Jackson's streaming parser, one token at a time: the values of a row go straight into one
        // reused array (no data binding, no copy per row), and each row is handed on as it is read.
        try (Reader reader = TextFiles.utf8(file);
                JsonParser parser = CSV.createParser(reader)) {
            Row row = new Row();
            // The whole file is one array (of rows, each an array of values).
            if (parser.nextToken() != JsonToken.START_ARRAY || !row.next(parser)) {
                throw MlopsException.input(display + ": the file is empty; expected a header row naming the columns");
            }
            String[] names = Arrays.copyOf(row.values, row.size);
            for (int i = 0; i < names.length; i++) {
                names[i] = names[i].trim();
            }
            if (names.length > 0 && names[0].startsWith("\uFEFF")) {
                // A byte order mark (spreadsheets write one) would hide the first column's name.
                names[0] = names[0].substring(1).trim();
            }
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < names.length; i++) {
                if (index.put(names[i], i) != null) {
                    throw MlopsException.input(
                            display + ":1: the column '" + names[i] + "' appears twice in the header");
                }
            }
            List<String> columns = List.of(names);
            row.columns(index, columns);
            header.accept(columns);
            while (row.next(parser)) {
                if (row.size == 1 && row.values[0].isEmpty()) {
                    continue;
                }
                if (row.size != names.length) {
                    throw MlopsException.input(display + ":" + row.line + ": the row has " + row.size
                            + " fields, the header has " + names.length + "; every row needs one value per column");
                }
                each.accept(row);
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

    /** The row being read: its values, in a buffer that the next row reuses, and the line it starts on. */
    private static final class Row implements PredictionRow {
        private String[] values = new String[16];
        private int size;
        private int line;
        private Map<String, Integer> index = Map.of();
        private List<String> columns = List.of();
        private final String[] askedPaths = new String[8];
        private final int[] askedColumns = new int[8];
        private int asked;

        void columns(Map<String, Integer> index, List<String> columns) {
            this.index = index;
            this.columns = columns;
        }

        /**
         * Reads the next row's values; false at the end of the file. The line is the one the parser
         * reports on the row's start (a quoted value may span lines).
         */
        boolean next(JsonParser parser) throws IOException {
            size = 0;
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                return false;
            }
            line = parser.currentLocation().getLineNr();
            while (true) {
                String value = parser.nextTextValue();
                if (value == null) {
                    JsonToken t = parser.currentToken();
                    if (t == null || t == JsonToken.END_ARRAY) {
                        return true;
                    }
                    value = parser.getValueAsString();
                }
                if (size == values.length) {
                    values = Arrays.copyOf(values, size * 2);
                }
                values[size++] = value;
            }
        }

        @Override
        public int line() {
            return line;
        }

        @Override
        public Cell get(String path) {
            // A file's reader asks every row for the same few fields, by the same String objects:
            // their positions are remembered by identity, so a row's values are found without hashing.
            for (int k = 0; k < asked; k++) {
                if (askedPaths[k] == path) {
                    return new Cell(Cell.Type.TEXT, values[askedColumns[k]]);
                }
            }
            Integer i = index.get(path);
            if (i == null) {
                return null;
            }
            if (asked < askedPaths.length) {
                askedPaths[asked] = path;
                askedColumns[asked++] = i;
            }
            return new Cell(Cell.Type.TEXT, values[i]);
        }

        @Override
        public List<String> near(String path) {
            return columns;
        }
    }
}
