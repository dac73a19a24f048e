package io.mlopsci.core.command;

import io.mlopsci.core.console.Progress;

/** Runs a user's command somewhere: a local process or a container. */
public interface CommandRunner {

    /** Describes where commands run, for messages ("local process", "docker image python:3.11"). */
    String describe();

    /**
     * Runs the command to completion or until its timeout, streaming its output through
     * {@code progress}.
     *
     * @throws io.mlopsci.core.error.MlopsException exit 2 when the program cannot be started (not
     *         found, not executable, image missing), exit 3 when the runtime itself fails
     */
    CommandOutcome run(CommandSpec spec, Progress progress);
}
