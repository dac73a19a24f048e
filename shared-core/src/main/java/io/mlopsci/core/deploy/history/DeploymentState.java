package io.mlopsci.core.deploy.history;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The journal of one deployment of one model, rewritten atomically at every phase: what was being
 * deployed over what, the alias before, how far traffic went, and handles to what the target
 * started (process ids, container ids, resource names) so that a later process can clean up.
 *
 * @param deploymentId  unique id of this deployment
 * @param target        the target it ran on ({@code local}, {@code docker}, ...)
 * @param alias         the registry alias of the serving version
 * @param aliasBefore   the version the alias named when the deployment began (null: none)
 * @param candidate     the version being deployed
 * @param stable        the version serving when it began (null: first deployment)
 * @param weight        the canary's last traffic share, percent
 * @param resources     role ({@code stable}, {@code canary}) → target-specific handle
 * @param restoredTo    after a rollback: the version restored (null: none serves)
 * @param reason        why it was rolled back
 * @param pid           the engine process that last wrote it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeploymentState(
        int format,
        String deploymentId,
        String model,
        String target,
        String alias,
        String aliasBefore,
        DeployedVersion candidate,
        DeployedVersion stable,
        Phase phase,
        Integer weight,
        Map<String, ServingHandle> resources,
        DeployedVersion restoredTo,
        String reason,
        String startedAt,
        String updatedAt,
        long pid) {

    public static final int FORMAT = 1;

    public DeploymentState {
        resources =
                resources == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(resources));
    }

    public static DeploymentState begin(
            String deploymentId,
            String model,
            String target,
            String alias,
            DeployedVersion candidate,
            DeployedVersion stable) {
        String now = Instant.now().toString();
        return new DeploymentState(
                FORMAT,
                deploymentId,
                model,
                target,
                alias,
                stable == null ? null : stable.version(),
                candidate,
                stable,
                Phase.STARTED,
                0,
                Map.of(),
                null,
                null,
                now,
                now,
                ProcessHandle.current().pid());
    }

    public DeploymentState phase(Phase p) {
        return new DeploymentState(
                format,
                deploymentId,
                model,
                target,
                alias,
                aliasBefore,
                candidate,
                stable,
                p,
                weight,
                resources,
                restoredTo,
                reason,
                startedAt,
                Instant.now().toString(),
                ProcessHandle.current().pid());
    }

    public DeploymentState weight(int w) {
        return new DeploymentState(
                format,
                deploymentId,
                model,
                target,
                alias,
                aliasBefore,
                candidate,
                stable,
                Phase.TRAFFIC,
                w,
                resources,
                restoredTo,
                reason,
                startedAt,
                Instant.now().toString(),
                ProcessHandle.current().pid());
    }

    public DeploymentState resource(String role, ServingHandle handle) {
        Map<String, ServingHandle> r = new LinkedHashMap<>(resources);
        if (handle == null) {
            r.remove(role);
        } else {
            r.put(role, handle);
        }
        return new DeploymentState(
                format,
                deploymentId,
                model,
                target,
                alias,
                aliasBefore,
                candidate,
                stable,
                phase,
                weight,
                r,
                restoredTo,
                reason,
                startedAt,
                Instant.now().toString(),
                ProcessHandle.current().pid());
    }

    public DeploymentState rollingBack(String why, DeployedVersion restore) {
        return new DeploymentState(
                format,
                deploymentId,
                model,
                target,
                alias,
                aliasBefore,
                candidate,
                stable,
                Phase.ROLLING_BACK,
                weight,
                resources,
                restore,
                why,
                startedAt,
                Instant.now().toString(),
                ProcessHandle.current().pid());
    }
}
