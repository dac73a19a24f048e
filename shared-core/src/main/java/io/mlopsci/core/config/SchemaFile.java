package io.mlopsci.core.config;

import io.mlopsci.core.config.DataConfig.ColumnSpec;
import io.mlopsci.core.config.DataConfig.Policy;
import io.mlopsci.core.config.DataConfig.SchemaPolicy;
import java.util.List;
import java.util.Map;

/**
 * A schema file (written by {@code mlops infer-schema}, then edited): the expected columns with
 * their rules, and what to do with extra and missing columns. Its rules use the same words as
 * {@code data.columns}; problems are reported with the schema file's own line and column.
 */
final class SchemaFile {

    static final List<String> KEYS = List.of("version", "columns", "extra_columns", "missing_columns");
    private static final Map<String, Policy> EXTRA =
            ordered("fail", Policy.FAIL, "warn", Policy.WARN, "allow", Policy.ALLOW);
    private static final Map<String, Policy> MISSING = ordered("fail", Policy.FAIL, "warn", Policy.WARN);

    private SchemaFile() {}

    static SchemaPolicy read(MapView s, Map<String, ColumnSpec> columns) {
        Integer version = s.integer("version", 1, 1);
        if (version == null && s.has("version")) {
            s.problem("version", "this engine reads schema files of version 1");
        }
        s.require("columns", "the expected columns, e.g. amount: {type: number, nullable: false}");
        MapView cols = s.map("columns", null);
        for (String name : cols.keys()) {
            columns.put(name, ColumnRules.read(name, cols, cols.problems()));
        }
        Policy extra = s.choice("extra_columns", EXTRA, Policy.WARN);
        Policy missing = s.choice("missing_columns", MISSING, Policy.FAIL);
        return new SchemaPolicy(
                extra, missing, s.has("extra_columns") ? s.keyLocation("extra_columns") : s.location("columns"));
    }

    /** A map that keeps the order its words are listed in, so messages list them the same way every time. */
    static <T> Map<String, T> ordered(Object... pairs) {
        Map<String, T> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            @SuppressWarnings("unchecked")
            T v = (T) pairs[i + 1];
            m.put((String) pairs[i], v);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
