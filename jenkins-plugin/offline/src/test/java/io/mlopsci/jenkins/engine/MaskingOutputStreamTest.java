package io.mlopsci.jenkins.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MaskingOutputStreamTest {

    private static String through(List<String> secrets, int chunk, String text) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        MaskingOutputStream out = new MaskingOutputStream(sink, SecretMasker.of(secrets));
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < b.length; i += chunk) {
            out.write(b, i, Math.min(chunk, b.length - i));
        }
        out.close();
        return sink.toString(StandardCharsets.UTF_8);
    }

    @Test
    void secretsAreMaskedWhateverTheWriteBoundaries() throws IOException {
        String text = "token=s3cr3t-T0KEN user=alice\nagain s3cr3t-T0KEN\nno newline at the end: s3cr3t-T0KEN";
        for (int chunk : new int[] {1, 2, 3, 7, 1000}) {
            assertThat(through(List.of("s3cr3t-T0KEN", "alice"), chunk, text))
                    .isEqualTo("token=**** user=****\nagain ****\nno newline at the end: ****");
        }
    }

    @Test
    void theLongestSecretWinsAndOtherBytesPassUnchanged() throws IOException {
        assertThat(through(List.of("abc", "abcdef"), 2, "xabcdefx abc é\n")).isEqualTo("x****x **** é\n");
        assertThat(through(List.of(), 3, "nothing to hide ✓\n")).isEqualTo("nothing to hide ✓\n");
        assertThat(through(java.util.Arrays.asList("", null), 3, "empty secrets ignored\n"))
                .isEqualTo("empty secrets ignored\n");
    }

    @Test
    void aSecretStraddlingTheCutOfAVeryLongLineIsStillMasked() throws IOException {
        String secret = "LONG-SECRET-0123456789";
        StringBuilder line = new StringBuilder();
        Random r = new Random(1);
        while (line.length() < MaskingOutputStream.MAX_LINE * 3) {
            line.append((char) ('a' + r.nextInt(26)));
            if (r.nextInt(5000) == 0) {
                line.append(secret);
            }
        }
        // put one exactly across the first cut
        line.insert(MaskingOutputStream.MAX_LINE - 5, secret);
        String masked = through(List.of(secret), 4096, line + "\n");
        assertThat(masked).doesNotContain(secret).doesNotContain("LONG-SEC").contains("****");
        assertThat(masked.replace("****", "")).isEqualTo(line.toString().replace(secret, "") + "\n");
    }

    @Test
    void closeEmitsTheRestButLeavesTheLogOpen() throws IOException {
        final boolean[] closed = {false};
        ByteArrayOutputStream sink = new ByteArrayOutputStream() {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        MaskingOutputStream out = new MaskingOutputStream(sink, SecretMasker.of(List.of("pw")));
        out.write("partial pw".getBytes(StandardCharsets.UTF_8));
        assertThat(sink.size()).as("held until the line ends").isZero();
        out.close();
        assertThat(sink.toString(StandardCharsets.UTF_8)).isEqualTo("partial ****");
        assertThat(closed[0]).isFalse();
    }

    @Test
    void stringsFromTheEngineAreMaskedToo() {
        assertThat(SecretMasker.of(List.of("hunter2")).mask("auth failed for hunter2 at hunter2"))
                .isEqualTo("auth failed for **** at ****");
    }
}
