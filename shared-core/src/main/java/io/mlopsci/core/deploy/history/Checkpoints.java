package io.mlopsci.core.deploy.history;

import io.mlopsci.core.console.Progress;
import java.util.Map;

/**
 * Named points of a deployment, announced on stderr as {@code checkpoint NAME} once the journal
 * records them. For crash testing (and for reproducing a crash by hand), the environment variable
 * {@value #HALT_AT} makes the engine halt at one of them exactly as a SIGKILL would: no cleanup, no
 * result.json. Points: started, stable-ready, canary-ready, traffic-N, analysis-N, promoting,
 * alias-moved, promoted, rolling-back, restored.
 */
public final class Checkpoints {

    public static final String HALT_AT = "MLOPS_DEBUG_HALT_AT";

    private final Progress progress;
    private final String haltAt;

    public Checkpoints(Progress progress, Map<String, String> env) {
        this.progress = progress;
        this.haltAt = env.get(HALT_AT);
    }

    public void reached(String point) {
        progress.phase("checkpoint " + point);
        if (point.equals(haltAt)) {
            progress.warn("halting at checkpoint " + point + " (" + HALT_AT + ")");
            Runtime.getRuntime().halt(137);
        }
    }
}
