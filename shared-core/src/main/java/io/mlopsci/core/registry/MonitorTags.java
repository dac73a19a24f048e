package io.mlopsci.core.registry;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What both registries write on the watched model version, and how a history is read back. */
public final class MonitorTags {

    public static final String LAST_RECORD = "mlops.monitor.last_record";
    public static final String LAST_VERDICT = "mlops.monitor.last_verdict";
    public static final String LAST_WINDOW_END = "mlops.monitor.last_window_end";
    public static final String LAST_RETRAIN = "mlops.monitor.last_retrain";

    private MonitorTags() {}

    /** The tags a monitored version gets: its last window, verdict and retraining decision. */
    public static Map<String, String> onVersion(MonitorRecord r) {
        Map<String, String> t = new LinkedHashMap<>();
        t.put(LAST_RECORD, r.id());
        t.put(LAST_VERDICT, r.verdict());
        if (r.windowEnd() != null) {
            t.put(LAST_WINDOW_END, r.windowEnd());
        }
        t.put(LAST_RETRAIN, String.valueOf(r.retrain()));
        return t;
    }

    /**
     * The last {@code limit} windows, oldest first; of a window checked several times (labels
     * arrived later), the last check.
     */
    public static List<MonitorRecord> latestPerWindow(List<MonitorRecord> records, int limit) {
        Map<String, MonitorRecord> byWindow = new LinkedHashMap<>();
        for (MonitorRecord r : records) {
            String key = r.windowStart() + "/" + r.windowEnd();
            MonitorRecord seen = byWindow.get(key);
            if (seen == null || instant(r.recordedAt()).isAfter(instant(seen.recordedAt()))) {
                byWindow.put(key, r);
            }
        }
        List<MonitorRecord> out = new ArrayList<>(byWindow.values());
        out.sort(Comparator.comparing((MonitorRecord r) -> instant(r.windowEnd()))
                .thenComparing(r -> instant(r.recordedAt())));
        return out.size() <= limit ? out : List.copyOf(out.subList(out.size() - limit, out.size()));
    }

    private static Instant instant(String s) {
        if (s == null) {
            return Instant.EPOCH;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }
}
