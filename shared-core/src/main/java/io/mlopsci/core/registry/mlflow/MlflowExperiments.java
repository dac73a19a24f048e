package io.mlopsci.core.registry.mlflow;

import io.mlopsci.core.registry.RegistryException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.mlflow.api.proto.Service.CreateExperiment;
import org.mlflow.api.proto.Service.Experiment;
import org.mlflow.api.proto.Service.GetExperimentByName;

/** MLflow experiments by name: found, or created on first use (a concurrent creator wins harmlessly). */
final class MlflowExperiments {

    private final MlflowHttp http;
    private final String display;
    private final Map<String, String> ids = new HashMap<>();

    MlflowExperiments(MlflowHttp http, String display) {
        this.http = http;
        this.display = display;
    }

    /** The id of experiment {@code name}, created when it does not exist. */
    synchronized String idOf(String name) {
        String known = ids.get(name);
        if (known != null) {
            return known;
        }
        Optional<Experiment> e = byName(name);
        if (e.isEmpty()) {
            try {
                http.post(
                        "experiments/create",
                        CreateExperiment.newBuilder().setName(name).build(),
                        CreateExperiment.Response.getDefaultInstance());
            } catch (MlflowApiException ex) {
                if (!ex.alreadyExists()) {
                    throw ex;
                }
            }
            e = byName(name);
        }
        Experiment exp = e.orElseThrow(() -> new RegistryException(
                "MLflow at " + display + " created the experiment '" + name + "' but cannot find it"));
        return remember(usable(exp));
    }

    /** {@code exp}, when runs can be recorded in it: not deleted, artifacts served by the proxy. */
    Experiment usable(Experiment exp) {
        if ("deleted".equals(exp.getLifecycleStage())) {
            throw new RegistryException("the experiment '" + exp.getName() + "' is deleted in MLflow at " + display
                    + "; restore it (mlflow experiments restore) or choose another name");
        }
        if (!exp.getArtifactLocation().isEmpty()) {
            MlflowArtifacts.proxyPath(exp.getArtifactLocation(), "the experiment '" + exp.getName() + "'", display);
        }
        return exp;
    }

    /** Remembers a checked experiment's id; returns it. */
    synchronized String remember(Experiment exp) {
        ids.put(exp.getName(), exp.getExperimentId());
        return exp.getExperimentId();
    }

    /** The id of experiment {@code name}, or null when there is none (nothing is created). */
    synchronized String findId(String name) {
        String known = ids.get(name);
        if (known != null) {
            return known;
        }
        return byName(name)
                .filter(x -> !"deleted".equals(x.getLifecycleStage()))
                .map(Experiment::getExperimentId)
                .orElse(null);
    }

    Optional<Experiment> byName(String name) {
        try {
            return Optional.of(http.get(
                            "experiments/get-by-name",
                            Map.of("experiment_name", name),
                            GetExperimentByName.Response.getDefaultInstance())
                    .getExperiment());
        } catch (MlflowApiException e) {
            if (e.notFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
