package io.mlopsci.action;

import io.mlopsci.core.report.MarkdownTruncation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * The runner's file commands: outputs appended to {@code GITHUB_OUTPUT} as heredocs with a random
 * delimiter (a value can never end its own block), and Markdown appended to
 * {@code GITHUB_STEP_SUMMARY}, kept under the runner's 1 MiB per step.
 */
final class FileCommands {

    /** The runner rejects a step summary over 1 MiB; this leaves room for what others append. */
    static final int SUMMARY_LIMIT_BYTES = 1_000_000;

    private final Path outputFile;
    private final Path summaryFile;
    private int summaryBytes;

    FileCommands(Path outputFile, Path summaryFile) {
        this.outputFile = outputFile;
        this.summaryFile = summaryFile;
    }

    boolean hasOutputs() {
        return outputFile != null;
    }

    boolean hasSummary() {
        return summaryFile != null;
    }

    void output(String name, String value) throws IOException {
        if (outputFile == null || value == null) {
            return;
        }
        if (!name.matches("[A-Za-z_][A-Za-z0-9_-]*")) {
            throw new IllegalArgumentException("invalid output name: " + name);
        }
        String delimiter;
        do {
            delimiter = "ghadelimiter_" + UUID.randomUUID();
        } while (value.contains(delimiter));
        String block = name + "<<" + delimiter + "\n" + value + "\n" + delimiter + "\n";
        Files.writeString(
                outputFile, block, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Appends Markdown, shortened so that this step's summary stays under {@link #SUMMARY_LIMIT_BYTES}. */
    void summary(String markdown, String whereTheRestIs) throws IOException {
        if (summaryFile == null) {
            return;
        }
        String text = MarkdownTruncation.fit(
                markdown,
                SUMMARY_LIMIT_BYTES - summaryBytes,
                MarkdownTruncation.Measure.UTF8_BYTES,
                "> ⚠️ **Summary shortened** to fit GitHub's 1 MiB job summary limit. " + whereTheRestIs);
        byte[] bytes = (text.endsWith("\n") ? text : text + "\n").getBytes(StandardCharsets.UTF_8);
        Files.write(summaryFile, bytes, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        summaryBytes += bytes.length;
    }
}
