package io.mlopsci.core.gate;

import io.mlopsci.contract.result.GateOutputs;
import io.mlopsci.contract.result.Numbers;
import io.mlopsci.contract.result.ReportSection;
import io.mlopsci.core.config.GateConfig;
import io.mlopsci.core.registry.ModelVersion;
import java.util.ArrayList;
import java.util.List;

/**
 * The gate when the candidate is the champion itself (a run cache hit on the champion's own run):
 * comparing a version with itself proves nothing, so the change rules are set apart as not
 * applicable — neither passed nor failed — with the reason, and only the absolute rules are checked.
 */
final class ChampionAsCandidate {

    private ChampionAsCandidate() {}

    /** A change rule that does not apply, and why. */
    record NotApplicable(String id, String metric, String rule, String expected, String reason) {
        GateOutputs.NotApplicable output() {
            return new GateOutputs.NotApplicable(id, metric, rule, expected, reason);
        }
    }

    static List<NotApplicable> changeRules(GateConfig gate, ModelVersion self) {
        String reason = "the candidate is " + gate.baseline() + " version " + self.version()
                + " itself: a version compared with itself proves nothing";
        List<NotApplicable> out = new ArrayList<>();
        for (GateConfig.MetricRule m : gate.metrics()) {
            addChangeRules(out, m, m.name(), reason);
        }
        for (GateConfig.SliceRule slice : gate.slices()) {
            for (GateConfig.MetricRule m : slice.metrics()) {
                addChangeRules(out, m, m.name() + "[" + slice.column() + "=*]", reason);
            }
        }
        return out;
    }

    private static void addChangeRules(List<NotApplicable> out, GateConfig.MetricRule m, String id, String reason) {
        GateConfig.Change c = m.change();
        if (c == null) {
            return;
        }
        addIf(out, id, m.name(), "max_drop", c.maxDrop(), "drop ≤ ", reason);
        addIf(out, id, m.name(), "max_relative_drop", c.maxRelativeDrop(), "relative drop ≤ ", reason);
        addIf(out, id, m.name(), "min_gain", c.minGain(), "gain ≥ ", reason);
        addIf(out, id, m.name(), "min_relative_gain", c.minRelativeGain(), "relative gain ≥ ", reason);
    }

    private static void addIf(
            List<NotApplicable> out, String id, String metric, String rule, Double v, String words, String reason) {
        if (v != null) {
            out.add(new NotApplicable(id + "." + rule, metric, rule, words + Numbers.value(v), reason));
        }
    }

    /** The same gate without change rules (the candidate is the baseline). */
    static GateConfig withoutChangeRules(GateConfig gate) {
        return new GateConfig(
                gate.baseline(),
                gate.onMissingBaseline(),
                gate.task(),
                gate.positiveLabel(),
                gate.metrics().stream().map(ChampionAsCandidate::absoluteOnly).toList(),
                gate.slices().stream()
                        .map(s -> new GateConfig.SliceRule(
                                s.column(),
                                s.minRows(),
                                s.allowSmall(),
                                s.values(),
                                s.metrics().stream()
                                        .map(ChampionAsCandidate::absoluteOnly)
                                        .toList(),
                                s.location()))
                        .toList(),
                gate.confidence(),
                gate.promote(),
                gate.evaluate(),
                gate.ranking(),
                gate.examples(),
                gate.location());
    }

    private static GateConfig.MetricRule absoluteOnly(GateConfig.MetricRule m) {
        return new GateConfig.MetricRule(
                m.name(),
                m.direction(),
                m.min(),
                m.max(),
                null,
                m.severity(),
                m.onError(),
                m.source(),
                m.score(),
                m.location(),
                m.minLocation(),
                m.maxLocation());
    }

    static ReportSection section(List<NotApplicable> rules) {
        List<List<String>> rows = new ArrayList<>();
        rules.forEach(r -> rows.add(List.of(r.id(), r.expected(), r.reason())));
        return new ReportSection(
                "Not applicable: change rules",
                "The candidate is the version the baseline alias already points to. These rules compare a"
                        + " candidate with its baseline, so they were not evaluated: they neither passed nor failed.",
                new ReportSection.Table(List.of("rule", "expected", "why not applicable"), rows),
                null,
                false);
    }
}
