package io.mlopsci.core.preflight;

import io.mlopsci.contract.StepId;
import java.util.Objects;

/**
 * One backend a step will use.
 *
 * @param backend  what kind of service
 * @param step     the step that needs it (for the message)
 * @param target   which one, where the configuration names it (the image registry's host); null otherwise
 * @param insecure the configuration allows plain HTTP or untrusted TLS for it
 */
public record Need(Backend backend, StepId step, String target, boolean insecure) {

    public Need {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(step, "step");
    }

    public static Need of(Backend backend, StepId step) {
        return new Need(backend, step, null, false);
    }
}
