package io.mlopsci.contract.result;

import java.util.List;

/**
 * One backend the preflight found usable before any work started, in {@code outputs.preflight}
 * (every step, and {@code run} for all its steps). How long the checks took is the step's
 * {@code preflight} timing, so two runs of the same pipeline give the same outputs.
 *
 * @param backend what kind of service, e.g. "tracking backend", "Docker engine"
 * @param target  which one answered, e.g. "MLflow at http://127.0.0.1:5000"
 * @param steps   the steps that need it
 */
public record PreflightCheck(String backend, String target, List<String> steps) {

    /** The key in a result's outputs. */
    public static final String OUTPUT = "preflight";

    public PreflightCheck {
        steps = List.copyOf(steps);
    }
}
