package io.mlopsci.core.monitor;

import io.mlopsci.contract.result.Criterion;
import io.mlopsci.core.config.DataConfig;
import io.mlopsci.core.config.MonitorConfig;
import io.mlopsci.core.data.checks.ColumnChecks;
import io.mlopsci.core.data.scan.AggregateQuery;
import io.mlopsci.core.data.scan.DataFile;
import io.mlopsci.core.data.scan.DuckDb;
import io.mlopsci.core.data.scan.Row;
import io.mlopsci.core.data.scan.ScanParticipant;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules of {@code data.columns} on the live records — types, nulls, ranges, allowed values,
 * patterns, lengths — planned into the window's fused scan by validate-data's own
 * {@link ColumnChecks}. Not on live data: the label (it arrives later, if at all), uniqueness
 * (requests repeat), the table and leakage rules, and the columns {@code monitor.rules.exclude}
 * names; columns the records have beyond the rules are allowed (the record's own fields).
 */
final class LiveRules implements ScanParticipant {

    private final DataFile window;
    private final ColumnChecks checks;
    private boolean planned;
    private Row row;

    LiveRules(DataConfig data, MonitorConfig.Rules rules, MonitorConfig.Columns records, DataFile window, DuckDb db) {
        this.window = window;
        this.checks = new ColumnChecks(forLive(data, rules, records), window, db);
    }

    /**
     * The data section as it applies to live records: without the label, the rules' exclusions,
     * and the records' own id, timestamp and version columns (a request id is not the training
     * data's id, whatever the two are called).
     */
    static DataConfig forLive(DataConfig data, MonitorConfig.Rules rules, MonitorConfig.Columns records) {
        java.util.Set<String> bookkeeping = new java.util.HashSet<>();
        bookkeeping.add(records.id());
        bookkeeping.add(records.timestamp());
        bookkeeping.add(records.modelVersion());
        Map<String, DataConfig.ColumnSpec> columns = new LinkedHashMap<>();
        data.columns().forEach((name, spec) -> {
            if (name.equals(data.label()) || rules.exclude().contains(name) || bookkeeping.contains(name)) {
                return;
            }
            List<DataConfig.ColumnRule> kept = spec.rules().stream()
                    .filter(r -> !(r instanceof DataConfig.UniqueRule))
                    .toList();
            columns.put(name, new DataConfig.ColumnSpec(name, kept, spec.mostly(), spec.severity(), spec.location()));
        });
        DataConfig.SchemaPolicy policy = new DataConfig.SchemaPolicy(
                DataConfig.Policy.ALLOW, data.policy().missing(), data.policy().location());
        return new DataConfig(
                null,
                null,
                null,
                data.schema(),
                null,
                data.raw(),
                data.location(),
                data.format(),
                List.of(DataConfig.Role.LIVE),
                columns,
                policy,
                null,
                null,
                null,
                new DataConfig.Engine(
                        DataConfig.EngineKind.DUCKDB,
                        data.engine().memoryLimit(),
                        data.engine().threads(),
                        data.engine().location()),
                Map.of(),
                null);
    }

    @Override
    public boolean plan(DataFile file, AggregateQuery query) throws SQLException {
        if (file != window || planned) {
            return false;
        }
        checks.plan(query);
        planned = true;
        return true;
    }

    @Override
    public void scanned(DataFile file, Row r) {
        this.row = r;
    }

    List<Criterion> evaluate() throws SQLException {
        return checks.evaluate(row);
    }
}
