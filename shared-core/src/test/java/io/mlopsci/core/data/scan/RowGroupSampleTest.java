package io.mlopsci.core.data.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which row groups a Parquet sample reads: evenly spaced, deterministic, about the target in rows. */
class RowGroupSampleTest {

    private static List<RowGroupSample.RowGroup> groups(int count, long rows) {
        List<RowGroupSample.RowGroup> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(new RowGroupSample.RowGroup(i * rows, rows));
        }
        return out;
    }

    @Test
    void evenlySpacedGroupsHoldingTheTarget() {
        // 100 groups of 100,000 rows, 500,000 wanted: 5 groups, the middle of each fifth of the file.
        List<long[]> ranges = RowGroupSample.ranges(groups(100, 100_000), 500_000);
        assertThat(ranges)
                .extracting(r -> r[0])
                .containsExactly(1_000_000L, 3_000_000L, 5_000_000L, 7_000_000L, 9_000_000L);
        assertThat(ranges).allSatisfy(r -> assertThat(r[1] - r[0]).isEqualTo(100_000));
    }

    @Test
    void largeGroupsContributeOnlyTheirShare() {
        // 4 groups of 10M rows, 1M wanted: one group is enough rows, but it is cut to the first 1M.
        List<long[]> ranges = RowGroupSample.ranges(groups(4, 10_000_000), 1_000_000);
        assertThat(ranges).hasSize(1);
        assertThat(ranges.get(0)).containsExactly(20_000_000L, 21_000_000L);
    }

    @Test
    void theSameFileGivesTheSameSample() {
        List<RowGroupSample.RowGroup> g = new ArrayList<>();
        long first = 0;
        for (int i = 0; i < 77; i++) {
            long n = 50_000 + 1_000L * (i % 7);
            g.add(new RowGroupSample.RowGroup(first, n));
            first += n;
        }
        List<long[]> a = RowGroupSample.ranges(g, 300_000);
        List<long[]> b = RowGroupSample.ranges(List.copyOf(g), 300_000);
        assertThat(a).usingRecursiveComparison().isEqualTo(b);
        long rows = a.stream().mapToLong(r -> r[1] - r[0]).sum();
        assertThat(rows).isBetween(300_000L, 400_000L);
        for (int i = 1; i < a.size(); i++) {
            assertThat(a.get(i)[0]).as("ranges in file order, disjoint").isGreaterThanOrEqualTo(a.get(i - 1)[1]);
        }
    }

    @Test
    void aFileOfFewGroupsIsSampledByItsOneMiddleGroupOrWhole() {
        assertThat(RowGroupSample.ranges(groups(1, 5_000_000), 500_000)).hasSize(1);
        assertThat(RowGroupSample.ranges(groups(1, 5_000_000), 500_000).get(0)).containsExactly(0L, 500_000L);
    }
}
