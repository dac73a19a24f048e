package io.mlopsci.core.scoring;

/**
 * What a bootstrap resample draws with replacement: single rows, or groups of rows that stay
 * together (a ranking metric's queries). Group {@code g} is {@code rows[offsets[g] ..
 * offsets[g + 1])}; for single rows {@code offsets} is null and each row is its own unit.
 *
 * @param rows    the rows, grouped
 * @param offsets where each group starts in {@code rows}, with the end as a last entry; or null
 * @param what    what a unit is, for messages: {@code rows} or {@code queries}
 */
public record ResampleUnits(int[] rows, int[] offsets, String what) {

    public static ResampleUnits rows(int[] rows) {
        return new ResampleUnits(rows, null, "rows");
    }

    /** How many units a resample draws. */
    public int count() {
        return offsets == null ? rows.length : offsets.length - 1;
    }

    /** Adds one draw of unit {@code u} to the row weights. */
    void draw(int u, double[] weights) {
        if (offsets == null) {
            weights[rows[u]] += 1;
            return;
        }
        for (int i = offsets[u]; i < offsets[u + 1]; i++) {
            weights[rows[i]] += 1;
        }
    }
}
