package io.mlopsci.core.deploy.targets;

import io.mlopsci.core.deploy.history.DeployedVersion;
import io.mlopsci.core.deploy.history.DeploymentState;
import io.mlopsci.core.deploy.history.ServingHandle;
import io.mlopsci.core.deploy.router.WeightedRouter;
import java.util.List;

/**
 * Where versions run and how traffic is split between them. Every method that changes something
 * returns or takes the handles recorded in the deployment journal, and {@link #restore} works from
 * the journal alone, so that a process that did not start the deployment (a rollback after a crash)
 * can undo it. Methods throw {@link io.mlopsci.core.error.MlopsException} for environment failures
 * and {@link NotReadyException} when a version does not become ready.
 */
public interface DeploymentTarget extends AutoCloseable {

    /** The target's name in mlops.yaml. */
    String name();

    /** For messages: e.g. "local processes behind the router at http://127.0.0.1:8080". */
    String describe();

    /** Connects and binds what the target needs before anything starts (fails early on a taken port). */
    void open();

    /** The engine's router, for targets whose traffic it carries; null otherwise. */
    default WeightedRouter router() {
        return null;
    }

    /** Makes sure the stable version serves (reusing what already runs); returns its handle. */
    ServingHandle startStable(DeployedVersion stable, DeploymentState state);

    /** Starts the canary at 0% traffic and waits until it is ready; returns its handle. */
    ServingHandle startCanary(DeployedVersion canary);

    /** Sends {@code percent} of the traffic to the canary. */
    void weight(int percent);

    /** Makes the canary's version the only one serving, as the stable one; returns the new stable handle. */
    ServingHandle promote(DeployedVersion canary, DeploymentState state);

    /**
     * Makes {@code restore} the only version serving (null: none), with all traffic, and removes
     * everything else {@code state} lists. Idempotent.
     */
    void restore(DeploymentState state, DeployedVersion restore);

    /** Checks, after {@link #restore}, that traffic and the running version are what they should be. */
    List<Check> verify(DeploymentState state, DeployedVersion restore);

    @Override
    void close();

    /** One verified fact about the target's state. */
    record Check(String what, String expected, String observed, boolean ok) {}
}
