package io.mlopsci.contract;

import java.util.List;

/**
 * {@code rollback}: {@code --in-flight-only} undoes only a deployment that did not finish and
 * leaves a completed promotion in place ({@code mlops run} after a failed canary).
 */
public record RollbackOptions(boolean inFlightOnly) implements StepOptions {

    public static final String IN_FLIGHT_ONLY = "--in-flight-only";

    @Override
    public List<String> arguments() {
        return inFlightOnly ? List.of(IN_FLIGHT_ONLY) : List.of();
    }
}
