package io.mlopsci.core.monitor;

import io.mlopsci.contract.result.Criterion;
import io.mlopsci.contract.result.Effect;
import io.mlopsci.contract.result.Status;
import io.mlopsci.core.config.MonitorConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether to retrain: a {@code monitor.retrain_on} kind has a criterion that failed outright (status
 * and effect FAIL). Warnings and inconclusive evidence do not retrain — too few labels is no reason
 * to throw a model away.
 *
 * @param retrain whether any rule fired
 * @param reasons one line per kind that fired, naming its failed criteria
 */
record Retrain(boolean retrain, List<String> reasons) {

    static Retrain decide(List<MonitorConfig.RetrainOn> on, List<Criterion> criteria) {
        Map<MonitorConfig.RetrainOn, List<String>> fired = new LinkedHashMap<>();
        for (Criterion c : criteria) {
            if (c.status() != Status.FAIL || c.effect() != Effect.FAIL) {
                continue;
            }
            CheckKind.of(c)
                    .filter(on::contains)
                    .ifPresent(k ->
                            fired.computeIfAbsent(k, x -> new ArrayList<>()).add(c.id()));
        }
        List<String> reasons = new ArrayList<>();
        fired.forEach((k, ids) -> reasons.add(k.key() + ": " + String.join(", ", ids)));
        return new Retrain(!fired.isEmpty(), reasons);
    }
}
