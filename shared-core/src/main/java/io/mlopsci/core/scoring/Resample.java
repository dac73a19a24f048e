package io.mlopsci.core.scoring;

/**
 * One bootstrap resample of the paired rows, the same for the candidate and the baseline: the
 * rows drawn with replacement, as a count per row and, on request, as an index array in draw
 * order. A metric reads whichever suits it (a walk over a sorted order weighted by {@link
 * #counts()}, or a mean over {@link #rows()}). The arrays are the bootstrap's working buffers:
 * read them, never keep or change them.
 */
public final class Resample {

    /** Indexes drawn at a time before they are counted: small enough to stay in the L1 cache. */
    private static final int BLOCK = 1024;

    private final int[] from;
    private final boolean identity;
    private final int[] counts;
    private final int[] block = new int[BLOCK];
    private int[] rows;
    private boolean rowsDrawn;
    private long seed;
    private int index;

    /**
     * @param from       the rows to draw from (all paired rows, or a slice's), indexes into the paired rows
     * @param pairedRows the number of paired rows
     */
    Resample(int[] from, int pairedRows) {
        this.from = from;
        this.counts = new int[pairedRows];
        boolean same = from.length == pairedRows;
        for (int i = 0; same && i < from.length; i++) {
            same = from[i] == i;
        }
        this.identity = same;
    }

    /**
     * The rows drawn, as indexes into the paired rows (with repetitions), in draw order. Made on the
     * first call for a resample by replaying its random stream: metrics that read only the counts
     * do not pay for them.
     */
    public int[] rows() {
        if (!rowsDrawn) {
            if (rows == null) {
                rows = new int[from.length];
            }
            new ResampleRandom(seed, index).fillIndexes(rows, from.length);
            if (!identity) {
                for (int k = 0; k < rows.length; k++) {
                    rows[k] = from[rows[k]];
                }
            }
            rowsDrawn = true;
        }
        return rows;
    }

    /** How many times each paired row was drawn (0 for rows not drawn and rows outside the slice). */
    public int[] counts() {
        return counts;
    }

    /** The number of draws. */
    public int size() {
        return from.length;
    }

    /**
     * Draws {@link #size()} rows of {@code from} with replacement, each uniformly, from the random
     * stream of resample {@code index} under {@code seed} ({@link ResampleRandom}).
     */
    void draw(long seed, int index) {
        this.seed = seed;
        this.index = index;
        this.rowsDrawn = false;
        java.util.Arrays.fill(counts, 0);
        ResampleRandom random = new ResampleRandom(seed, index);
        int bound = from.length;
        for (int done = 0; done < bound; ) {
            int[] b = block;
            int len = Math.min(BLOCK, bound - done);
            random.fillIndexes(b, len, bound);
            if (identity) {
                // Unrolled by hand, as the quick compiler does not (see ResampledMetrics' AUC walk).
                int k = 0;
                for (int end = len - 3; k < end; k += 4) {
                    counts[b[k]]++;
                    counts[b[k + 1]]++;
                    counts[b[k + 2]]++;
                    counts[b[k + 3]]++;
                }
                for (; k < len; k++) {
                    counts[b[k]]++;
                }
            } else {
                for (int k = 0; k < len; k++) {
                    counts[from[b[k]]]++;
                }
            }
            done += len;
        }
    }
}
