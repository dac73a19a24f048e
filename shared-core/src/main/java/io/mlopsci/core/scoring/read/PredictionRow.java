package io.mlopsci.core.scoring.read;

import java.util.List;

/**
 * One example of a predictions file: the line it starts on and its values by field. A row is valid
 * during the call it is handed to: a reader may read the next row into the same object.
 */
interface PredictionRow {

    /** The line of the file the row was read from (1-based). */
    int line();

    /** The value at {@code path} (a CSV column, or a dotted path into a JSON line), or null when there is none. */
    Cell get(String path);

    /** The fields next to where {@code path} stops resolving, for a message about a missing field. */
    List<String> near(String path);

    /** One value as written. */
    record Cell(Type type, String text) {

        /** What the file holds there. */
        enum Type {
            /** Text: every CSV value, and JSON strings. */
            TEXT,
            NUMBER,
            BOOLEAN,
            NULL,
            /** A JSON object or array. */
            STRUCTURE
        }

        /** How the value reads in a message. */
        String shown() {
            return switch (type) {
                case TEXT -> "'" + abbreviate(text) + "'";
                case NULL -> "null";
                case STRUCTURE -> text.startsWith("[") ? "an array" : "an object";
                default -> text;
            };
        }

        static String abbreviate(String s) {
            return s.length() <= 40 ? s : s.substring(0, 37) + "...";
        }
    }
}
