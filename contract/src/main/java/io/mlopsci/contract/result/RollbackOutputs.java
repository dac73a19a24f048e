package io.mlopsci.contract.result;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What rollback did.
 *
 * @param deploymentId    the deployment it looked at
 * @param target          its target
 * @param action          {@code none}, {@code verified}, {@code rolled-back} or {@code recovered}
 * @param restoredVersion the version that serves again (none when nothing served before)
 * @param reason          why
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RollbackOutputs(String deploymentId, String target, String action, String restoredVersion, String reason)
        implements StepOutputs {}
