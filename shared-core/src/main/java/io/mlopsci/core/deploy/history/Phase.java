package io.mlopsci.core.deploy.history;

/**
 * Where a deployment is. Every transition is written to the state file before the next action,
 * so that after a crash {@code mlops rollback} knows what may exist and what to undo.
 */
public enum Phase {
    /** Recorded the intent; nothing started yet. */
    STARTED,
    /** The stable version serves (started, or found running). */
    STABLE_READY,
    /** The canary is up and healthy, at 0% traffic. */
    CANARY_READY,
    /** Traffic is being shifted and analysed ({@code weight} says how far). */
    TRAFFIC,
    /** The analysis passed; the canary is being made the stable version. */
    PROMOTING,
    /** The registry alias points to the new version; history not yet written. */
    ALIAS_MOVED,
    /** Done: the new version serves and is the alias. */
    PROMOTED,
    /** Undoing: traffic, running version and alias go back. */
    ROLLING_BACK,
    /** Undone. */
    ROLLED_BACK;

    /** Whether nothing is in flight. */
    public boolean terminal() {
        return this == PROMOTED || this == ROLLED_BACK;
    }
}
