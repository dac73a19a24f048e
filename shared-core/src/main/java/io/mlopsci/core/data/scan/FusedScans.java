package io.mlopsci.core.data.scan;

import io.mlopsci.core.config.DataConfig;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs the scans the participants ask for, one fused query per file and round: in each round every
 * file that no participant waits for is scanned once with everything the participants want from
 * it, and the results go back to them; rounds repeat until nobody wants anything more. Every file
 * is scanned at least once, its first scan counting its rows.
 */
public final class FusedScans {

    /** Runs one fused query over a file (with progress and timings). */
    @FunctionalInterface
    public interface Scanner {
        Row scan(DataFile file, AggregateQuery query) throws SQLException;
    }

    /** The key under which every file's first scan counts its rows. */
    public static final String ROW_COUNT = "count(*)";

    private FusedScans() {}

    public static void run(List<DataFile> files, List<ScanParticipant> participants, Scanner scanner)
            throws SQLException {
        List<ScanParticipant> all = new ArrayList<>();
        all.add(new RowCounts());
        all.addAll(participants);
        while (true) {
            Set<DataConfig.Role> waiting = new HashSet<>();
            all.forEach(p -> waiting.addAll(p.waitingFor()));
            boolean scanned = false;
            for (DataFile f : files) {
                if (waiting.contains(f.role())) {
                    continue;
                }
                AggregateQuery q = new AggregateQuery();
                List<ScanParticipant> asked = new ArrayList<>();
                for (ScanParticipant p : all) {
                    if (p.plan(f, q)) {
                        asked.add(p);
                    }
                }
                if (asked.isEmpty()) {
                    continue;
                }
                Row row = scanner.scan(f, q);
                for (ScanParticipant p : asked) {
                    p.scanned(f, row);
                }
                scanned = true;
            }
            if (!scanned) {
                if (!waiting.isEmpty()) {
                    throw new IllegalStateException(
                            "the scans of " + waiting + " are waited for, but nobody plans them");
                }
                return;
            }
        }
    }

    /** Counts each file's rows in its first scan. */
    private static final class RowCounts implements ScanParticipant {
        private final Set<DataConfig.Role> counted = new HashSet<>();

        @Override
        public boolean plan(DataFile file, AggregateQuery query) {
            if (counted.contains(file.role())) {
                return false;
            }
            query.add(ROW_COUNT);
            return true;
        }

        @Override
        public void scanned(DataFile file, Row row) {
            counted.add(file.role());
        }
    }
}
