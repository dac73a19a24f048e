package io.mlopsci.core.monitor;

import io.mlopsci.contract.result.Criterion;
import io.mlopsci.core.config.MonitorConfig;
import java.util.Optional;

/** Which check a monitor criterion comes from, by its id: what {@code monitor.retrain_on} names. */
final class CheckKind {

    static final String DRIFT = "drift";
    static final String UNSEEN = "unseen";
    static final String PREDICTION_DRIFT = "prediction_drift";
    static final String METRIC = "metric";
    static final String RULES = "live";
    static final String VOLUME = "volume";
    static final String FRESHNESS = "freshness";
    static final String VERSIONS = "versions";

    private CheckKind() {}

    /** The kind a criterion belongs to, if a retraining rule can name it. */
    static Optional<MonitorConfig.RetrainOn> of(Criterion c) {
        String prefix = c.id().contains(".") ? c.id().substring(0, c.id().indexOf('.')) : c.id();
        return Optional.ofNullable(
                switch (prefix) {
                    case DRIFT, UNSEEN -> MonitorConfig.RetrainOn.DRIFT;
                    case PREDICTION_DRIFT -> MonitorConfig.RetrainOn.PREDICTION_DRIFT;
                    case METRIC -> MonitorConfig.RetrainOn.METRIC;
                    case RULES -> MonitorConfig.RetrainOn.RULES;
                    case VOLUME -> MonitorConfig.RetrainOn.VOLUME;
                    case FRESHNESS -> MonitorConfig.RetrainOn.FRESHNESS;
                    default -> null;
                });
    }
}
