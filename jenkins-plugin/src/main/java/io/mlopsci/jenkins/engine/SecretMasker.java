package io.mlopsci.jenkins.engine;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Replaces secret values with {@code ****} in bytes of log output. Matching is on the UTF-8 bytes of
 * each secret, longest first, so output in any encoding passes through unchanged except for the
 * secrets themselves.
 */
public final class SecretMasker {

    static final byte[] MASK = "****".getBytes(StandardCharsets.US_ASCII);

    private final byte[][] secrets;

    private SecretMasker(List<String> values) {
        this.secrets = values.stream()
                .filter(Objects::nonNull)
                .filter(s -> !s.isEmpty())
                .distinct()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .map(s -> s.getBytes(StandardCharsets.UTF_8))
                .toArray(byte[][]::new);
    }

    public static SecretMasker of(List<String> values) {
        return new SecretMasker(values);
    }

    /** Whether there is anything to mask. */
    public boolean isEmpty() {
        return secrets.length == 0;
    }

    /** The longest secret in bytes (how much a streaming filter must hold back). */
    int longest() {
        return secrets.length == 0 ? 0 : secrets[0].length;
    }

    /** The bytes {@code b[off, off+len)} with every secret replaced. */
    public byte[] mask(byte[] b, int off, int len) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(len);
        maskInto(b, off, off + len, off + len, out);
        return out.toByteArray();
    }

    /**
     * Masks {@code b} from {@code off}, looking at matches that start before {@code limit} (a
     * match may extend up to {@code end}), and writes the result to {@code out}. Returns the index
     * up to which {@code b} was consumed: {@code limit}, or further when a secret straddles it.
     */
    int maskInto(byte[] b, int off, int end, int limit, ByteArrayOutputStream out) {
        int i = off;
        scan:
        while (i < limit) {
            for (byte[] s : secrets) {
                if (matches(b, i, end, s)) {
                    out.write(MASK, 0, MASK.length);
                    i += s.length;
                    continue scan;
                }
            }
            out.write(b[i]);
            i++;
        }
        return i;
    }

    /** A string with every secret replaced (for messages built from engine output). */
    public String mask(String text) {
        if (text == null || secrets.length == 0) {
            return text;
        }
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return new String(mask(b, 0, b.length), StandardCharsets.UTF_8);
    }

    private static boolean matches(byte[] b, int at, int end, byte[] s) {
        if (end - at < s.length) {
            return false;
        }
        for (int k = 0; k < s.length; k++) {
            if (b[at + k] != s[k]) {
                return false;
            }
        }
        return true;
    }
}
