package io.mlopsci.core.deploy.analysis;

import io.mlopsci.contract.result.Status;
import java.util.Map;

/**
 * One metric measured over one window: the value, the stable's value over the same window where it
 * applies (the baseline), the status the conditions give, and why.
 *
 * @param status PASS (success condition met), FAIL (failure condition met), INCONCLUSIVE (neither,
 *               or too little traffic to tell), ERROR (could not be measured)
 */
public record Measurement(
        String metric,
        Window window,
        Status status,
        Double value,
        Double baseline,
        String message,
        Map<String, Object> details) {

    public Measurement {
        details = details == null ? Map.of() : Map.copyOf(details);
    }
}
