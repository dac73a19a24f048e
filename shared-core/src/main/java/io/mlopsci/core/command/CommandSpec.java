package io.mlopsci.core.command;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A command to run: the argument vector (never joined into a shell string), its working directory,
 * the extra environment, a wall-clock limit, the prefix its output lines get, and the directories
 * a container needs mounted.
 */
public record CommandSpec(
        List<String> argv,
        Path workingDir,
        Map<String, String> env,
        Duration timeout,
        String outputPrefix,
        List<Path> mounts) {

    public CommandSpec {
        argv = List.copyOf(argv);
        env = Map.copyOf(env);
        mounts = List.copyOf(mounts);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("a command needs at least a program");
        }
    }
}
