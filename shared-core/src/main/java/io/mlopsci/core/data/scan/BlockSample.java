package io.mlopsci.core.data.scan;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A sample of a text data file without parsing all of it: {@value #BLOCKS} blocks at evenly spaced
 * offsets, each cut to whole lines, written with the header into a small file that DuckDB reads
 * with the same dialect and column types. Evenly spaced blocks stratify the file, so even a sorted
 * column is sampled across its range. A file no larger than {@value #WHOLE_FILE} bytes is its own
 * sample. What is drawn from a sample (quantile brackets, candidate categories) is always checked
 * against the full scan, so an unlucky sample costs time, never exactness.
 */
public final class BlockSample {

    static final long WHOLE_FILE = 64L << 20;
    static final int BLOCKS = 1024;
    static final int BLOCK = 64 << 10;
    /** The longest header line read. */
    static final int MAX_LINE = 1 << 20;

    private BlockSample() {}

    /**
     * A sample: the relation reading it, its size in bytes, whether it is the whole file, and the
     * share of the file it holds (by bytes for text, by rows for Parquet).
     */
    public record Sample(String relation, long bytes, boolean wholeFile, double share) {}

    /**
     * A sample of {@code file} (the file itself when small), or null when it is not a text file read
     * directly or the sample cannot be cut.
     */
    public static Sample of(DataFile file, Path dir) throws IOException {
        return of(file, dir, WHOLE_FILE, BLOCKS, BLOCK);
    }

    /** With other sizes (tests cut sparse samples of small files). */
    public static Sample of(DataFile file, Path dir, long wholeFile, int blocks, int block) throws IOException {
        if (!file.parsesText()) {
            return null;
        }
        if (file.bytes() <= wholeFile) {
            return new Sample(file.relation(), file.bytes(), true, 1);
        }
        boolean header = file.format() == io.mlopsci.core.config.DataConfig.FileFormat.Kind.CSV;
        Path out = dir.resolve("sample-" + file.role().key() + (header ? ".csv" : ".jsonl"));
        Files.createDirectories(dir);
        try (FileChannel in = FileChannel.open(file.path(), StandardOpenOption.READ);
                OutputStream os = Files.newOutputStream(out)) {
            long size = in.size();
            long start = 0;
            if (header) {
                ByteBuffer first = read(in, 0, MAX_LINE);
                int nl = indexOf(first, 0, (byte) '\n');
                if (nl < 0) {
                    return null;
                }
                os.write(first.array(), 0, nl + 1);
                start = nl + 1;
            }
            long step = (size - start) / blocks;
            // Blocks never overlap, so no line is sampled twice.
            int length = (int) Math.min(block, step);
            for (int i = 0; i < blocks; i++) {
                long offset = start + i * step;
                ByteBuffer b = read(in, offset, length);
                int from = 0;
                if (offset > start) {
                    int nl = indexOf(b, 0, (byte) '\n');
                    if (nl < 0) {
                        continue;
                    }
                    from = nl + 1;
                }
                int last = lastIndexOf(b, (byte) '\n');
                if (last >= from) {
                    os.write(b.array(), from, last + 1 - from);
                }
            }
        }
        String relation = file.sampleRelation(out);
        long size = Files.size(out);
        return relation == null ? null : new Sample(relation, size, false, (double) size / file.bytes());
    }

    private static ByteBuffer read(FileChannel in, long offset, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        while (b.hasRemaining()) {
            int n = in.read(b, offset + b.position());
            if (n < 0) {
                break;
            }
        }
        b.flip();
        return b;
    }

    private static int lastIndexOf(ByteBuffer b, byte x) {
        for (int i = b.limit() - 1; i >= 0; i--) {
            if (b.get(i) == x) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOf(ByteBuffer b, int from, byte x) {
        for (int i = from; i < b.limit(); i++) {
            if (b.get(i) == x) {
                return i;
            }
        }
        return -1;
    }
}
