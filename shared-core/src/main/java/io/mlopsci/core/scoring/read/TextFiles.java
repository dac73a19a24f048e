package io.mlopsci.core.scoring.read;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Text files read as strict UTF-8: a byte sequence that is not UTF-8 is an error, never a replacement character. */
final class TextFiles {

    private TextFiles() {}

    static BufferedReader utf8(Path file) throws IOException {
        return new BufferedReader(new InputStreamReader(
                Files.newInputStream(file),
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)));
    }
}
