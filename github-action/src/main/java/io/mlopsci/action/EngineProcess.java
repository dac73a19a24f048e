package io.mlopsci.action;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the engine's CLI ({@code io.mlopsci.core.cli.Main}) in a child JVM: the same java binary
 * and class path as this process, the JVM options in {@code MLOPS_ENGINE_JVM_OPTS} (the image sets
 * its class-data-sharing archive there), exactly the environment given, and the child's output
 * streamed to this process's output. Given an {@link EngineUser}, the child starts through
 * {@link EngineMain}, which gives up root for that user first. The adapter reads the result.json
 * it writes, never its log.
 */
final class EngineProcess {

    interface Launcher {
        int run(List<String> args, Map<String, String> env, Path cwd) throws IOException, InterruptedException;

        /** Runs as {@code user} (null: as this process); a launcher that cannot switch users ignores it. */
        default int run(List<String> args, Map<String, String> env, Path cwd, EngineUser user)
                throws IOException, InterruptedException {
            return run(args, env, cwd);
        }
    }

    private EngineProcess() {}

    static Launcher childJvm() {
        return childJvm(null);
    }

    /** A launcher whose child writes into {@code sink} (tests capture it); null inherits this process's output. */
    static Launcher childJvm(PrintStream sink) {
        return new ChildJvm(sink);
    }

    private static final class ChildJvm implements Launcher {
        private final PrintStream sink;

        ChildJvm(PrintStream sink) {
            this.sink = sink;
        }

        @Override
        public int run(List<String> args, Map<String, String> env, Path cwd) throws IOException, InterruptedException {
            return run(args, env, cwd, null);
        }

        @Override
        public int run(List<String> args, Map<String, String> env, Path cwd, EngineUser user)
                throws IOException, InterruptedException {
            List<String> cmd = new ArrayList<>();
            cmd.add(ProcessHandle.current()
                    .info()
                    .command()
                    .orElse(Path.of(System.getProperty("java.home"), "bin", "java")
                            .toString()));
            String opts = env.get("MLOPS_ENGINE_JVM_OPTS");
            if (opts != null && !opts.isBlank()) {
                cmd.addAll(List.of(opts.strip().split("\\s+")));
            }
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            if (user == null) {
                cmd.add("io.mlopsci.core.cli.Main");
            } else {
                cmd.add(EngineMain.class.getName());
                cmd.add(EngineMain.RUN_AS + user.argument());
            }
            cmd.addAll(args);
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
            if (sink == null) {
                pb.inheritIO();
            } else {
                pb.redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE);
            }
            pb.environment().clear();
            pb.environment().putAll(env);
            Process p = pb.start();
            try {
                if (sink != null) {
                    p.getOutputStream().close();
                    p.getInputStream().transferTo(sink);
                    sink.flush();
                }
                return p.waitFor();
            } catch (InterruptedException e) {
                p.descendants().forEach(ProcessHandle::destroy);
                p.destroy();
                throw e;
            }
        }
    }
}
