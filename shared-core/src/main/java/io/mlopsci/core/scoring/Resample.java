package io.mlopsci.core.scoring;

/**
 * One bootstrap resample of the paired rows, the same for the candidate and the baseline: the
 * rows drawn with replacement, as an index array in draw order, and as a count per row. A metric
 * reads whichever suits it (a mean over {@link #rows()}, or a walk over a sorted order weighted by
 * {@link #counts()}). The arrays are the bootstrap's working buffers: read them, never keep or
 * change them.
 */
public final class Resample {

    private final int[] from;
    private final boolean identity;
    private final int[] rows;
    private final int[] counts;

    /**
     * @param from       the rows to draw from (all paired rows, or a slice's), indexes into the paired rows
     * @param pairedRows the number of paired rows
     */
    Resample(int[] from, int pairedRows) {
        this.from = from;
        this.rows = new int[from.length];
        this.counts = new int[pairedRows];
        boolean same = from.length == pairedRows;
        for (int i = 0; same && i < from.length; i++) {
            same = from[i] == i;
        }
        this.identity = same;
    }

    /** The rows drawn, as indexes into the paired rows (with repetitions). */
    public int[] rows() {
        return rows;
    }

    /** How many times each paired row was drawn (0 for rows not drawn and rows outside the slice). */
    public int[] counts() {
        return counts;
    }

    /** The number of draws. */
    public int size() {
        return rows.length;
    }

    /** Draws {@link #size()} rows of {@code from} with replacement, each uniformly, from the stream given. */
    void draw(ResampleRandom random) {
        java.util.Arrays.fill(counts, 0);
        random.fillIndexes(rows, from.length);
        if (!identity) {
            for (int k = 0; k < rows.length; k++) {
                rows[k] = from[rows[k]];
            }
        }
        for (int row : rows) {
            counts[row]++;
        }
    }
}
