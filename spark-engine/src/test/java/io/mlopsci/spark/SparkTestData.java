package io.mlopsci.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small data files for the Spark tests, written where the local server reads them. */
final class SparkTestData {

    private SparkTestData() {}

    /** {@code id,amount,segment}: {@code rows} rows. */
    static Path csv(Path dir, String name, int rows) {
        StringBuilder b = new StringBuilder("id,amount,segment\n");
        String[] segments = {"web", "store", "mobile"};
        for (int i = 0; i < rows; i++) {
            b.append(i)
                    .append(',')
                    .append(i * 0.5)
                    .append(',')
                    .append(segments[i % 3])
                    .append('\n');
        }
        return write(dir.resolve(name), b.toString());
    }

    /** The same rows as JSON lines. */
    static Path jsonl(Path dir, String name, int rows) {
        StringBuilder b = new StringBuilder();
        String[] segments = {"web", "store", "mobile"};
        for (int i = 0; i < rows; i++) {
            b.append("{\"id\": ")
                    .append(i)
                    .append(", \"amount\": ")
                    .append(i * 0.5)
                    .append(", \"segment\": \"")
                    .append(segments[i % 3])
                    .append("\"}\n");
        }
        return write(dir.resolve(name), b.toString());
    }

    static Path write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
