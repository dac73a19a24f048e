package io.mlopsci.contract.result;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What deploy-canary did. Recorded as it goes: a failure part-way leaves the deployment's id,
 * versions and how far the traffic got in the result.
 *
 * @param deploymentId     the journal's id of this deployment
 * @param decision         {@code promoted}, {@code rolled-back}, {@code rehearsed}, {@code unchanged} or {@code not-deployed}
 * @param candidateVersion the version deployed
 * @param stableVersion    the version it ran next to (none on a first deployment)
 * @param target           the target
 * @param routerUrl        the router, for targets the engine routes
 * @param finalWeight      the canary's share of traffic at the end
 * @param phase            the journal's last phase
 * @param promoted         whether the alias moved to the candidate
 * @param rolledBack       whether the canary was rolled back
 * @param reason           why it was rolled back, rehearsed or not deployed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeployCanaryOutputs(
        String deploymentId,
        String decision,
        String candidateVersion,
        String stableVersion,
        String target,
        String routerUrl,
        Integer finalWeight,
        String phase,
        Boolean promoted,
        Boolean rolledBack,
        String reason)
        implements StepOutputs {

    /** The decision alone, with its reason (outputs are merged into what the step recorded before). */
    public static DeployCanaryOutputs decided(String decision, Boolean promoted, Boolean rolledBack, String reason) {
        return new DeployCanaryOutputs(
                null, decision, null, null, null, null, null, null, promoted, rolledBack, reason);
    }

    /** The deployment as it starts. */
    public static DeployCanaryOutputs started(
            String deploymentId, String candidateVersion, String stableVersion, String target) {
        return new DeployCanaryOutputs(
                deploymentId, null, candidateVersion, stableVersion, target, null, null, null, null, null, null);
    }

    /** Where the traffic got. */
    public static DeployCanaryOutputs progress(String routerUrl, int finalWeight, String phase) {
        return new DeployCanaryOutputs(null, null, null, null, null, routerUrl, finalWeight, phase, null, null, null);
    }

    /** Nothing was deployed: the version already serves, or promotion is not allowed here. */
    public static DeployCanaryOutputs skipped(String decision, String candidateVersion, String reason) {
        return new DeployCanaryOutputs(
                null, decision, candidateVersion, null, null, null, null, null, null, null, reason);
    }
}
