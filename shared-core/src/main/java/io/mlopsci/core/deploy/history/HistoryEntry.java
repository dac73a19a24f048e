package io.mlopsci.core.deploy.history;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One line of a model's deployment history: a promotion or a rollback, which version serves after
 * it and which served before.
 *
 * @param action {@code promoted} or {@code rolled-back}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HistoryEntry(
        String at,
        String deploymentId,
        String action,
        String target,
        DeployedVersion serving,
        DeployedVersion previous,
        String reason) {

    public static final String PROMOTED = "promoted";
    public static final String ROLLED_BACK = "rolled-back";
}
