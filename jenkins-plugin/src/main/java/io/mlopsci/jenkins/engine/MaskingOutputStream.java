package io.mlopsci.jenkins.engine;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Passes a process's output to the build log line by line with secrets masked. A line is held until
 * its newline so that a secret split across two writes is still found; a line longer than
 * {@link #MAX_LINE} is passed on in pieces, each keeping back enough bytes to catch a secret that
 * straddles the cut. {@link #close()} emits what is left but leaves the log itself open.
 */
public final class MaskingOutputStream extends FilterOutputStream {

    /** Longest line held back before it is passed on in pieces. */
    static final int MAX_LINE = 64 * 1024;

    private final SecretMasker masker;
    private byte[] buf = new byte[256];
    private int count;

    public MaskingOutputStream(OutputStream log, SecretMasker masker) {
        super(log);
        this.masker = masker;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        append((byte) b);
        if (b == '\n') {
            emit(count);
        } else if (count >= MAX_LINE) {
            // Every secret that starts before the limit lies wholly in the buffer.
            emit(count - Math.max(0, masker.longest() - 1));
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        out.flush();
    }

    /** Emits the unfinished last line; does not close the build log. */
    @Override
    public synchronized void close() throws IOException {
        emit(count);
        out.flush();
    }

    private void append(byte b) {
        if (count == buf.length) {
            byte[] bigger = new byte[buf.length * 2];
            System.arraycopy(buf, 0, bigger, 0, count);
            buf = bigger;
        }
        buf[count++] = b;
    }

    /** Masks and writes the buffer up to {@code limit} (further if a secret straddles it), keeping the rest. */
    private void emit(int limit) throws IOException {
        if (limit <= 0) {
            return;
        }
        ByteArrayOutputStream masked = new ByteArrayOutputStream(limit + 16);
        int consumed = masker.maskInto(buf, 0, count, limit, masked);
        masked.writeTo(out);
        System.arraycopy(buf, consumed, buf, 0, count - consumed);
        count -= consumed;
    }
}
