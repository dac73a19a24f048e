package io.mlopsci.jenkins;

import hudson.FilePath;
import io.mlopsci.core.testing.Processes;
import io.mlopsci.jenkins.engine.AgentEngine;
import io.mlopsci.jenkins.engine.EngineJar;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What the Jenkins steps add around the engine, measured (run by jenkins-plugin/offline/bench.sh):
 * hashing the bundled engine jar, installing it on an agent (cold) and finding it there (warm), and
 * a whole {@code mlopsTrain} step on a cache hit against the bare CLI doing the same work.
 * Prints medians and ranges in milliseconds; asserts nothing.
 */
public final class StepOverheadBench {

    private StepOverheadBench() {}

    public static void main(String[] args) throws Exception {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        Path tmp = Files.createTempDirectory("mlops-bench");
        EngineJar jar = EngineJar.bundled();
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        PrintStream out = System.out;
        System.setOut(quiet); // the build logs echo to stdout; keep only the numbers
        out.printf(
                "engine jar: %.1f MB, sha256 %s…; %d repetitions; Java %s%n",
                jar.size() / 1e6, jar.sha256().substring(0, 12), reps, Runtime.version());

        report(out, "hash the bundled engine jar (SHA-256)", time(reps, () -> EngineJar.bundled()));
        int[] n = {0};
        report(
                out,
                "install on an agent, cold (copy, verify, rename)",
                time(
                        reps,
                        () -> AgentEngine.prepare(
                                jar, new FilePath(tmp.resolve("cold-" + n[0]++).toFile()), quiet)));
        FilePath warm = new FilePath(tmp.resolve("warm").toFile());
        AgentEngine engine = AgentEngine.prepare(jar, warm, quiet);
        report(out, "find it on the agent, warm (cached)", time(reps, () -> AgentEngine.prepare(jar, warm, quiet)));

        OfflineJenkins jenkins = OfflineJenkins.withSample("jvm-classifier", tmp.resolve("step"));
        jenkins.execute(new MlopsTrainStep()).map(); // trains once; later runs hit the run cache
        Path ws = jenkins.sandbox.dir();
        List<String> cli =
                List.of(engine.java(), "-jar", engine.jar(), "train", "--config", "mlops.yaml", "--out", ".mlops/out");
        report(out, "bare CLI: mlops train (run cache hit)", time(reps, () -> {
            Processes.Result r = Processes.run(cli, ws, Map.of("PATH", System.getenv("PATH")), Duration.ofMinutes(5));
            if (r.exitCode() != 0) {
                throw new IllegalStateException(r.toString());
            }
        }));
        report(out, "mlopsTrain step: same work, plus install check, result, reports, JUnit, checks", time(reps, () -> {
            OfflineJenkins b = OfflineJenkins.inWorkspace(jenkins.sandbox, Files.createTempDirectory(tmp, "build"));
            b.execute(new MlopsTrainStep()).map();
        }));
        out.println("command: jenkins-plugin/offline/bench.sh " + reps);
    }

    interface Work {
        void run() throws Exception;
    }

    private static long[] time(int reps, Work w) throws Exception {
        w.run(); // warm-up
        long[] ms = new long[reps];
        for (int i = 0; i < reps; i++) {
            long t = System.nanoTime();
            w.run();
            ms[i] = (System.nanoTime() - t) / 1_000_000;
        }
        Arrays.sort(ms);
        return ms;
    }

    private static void report(PrintStream out, String what, long[] ms) {
        out.printf("%-80s median %6d ms  (min %d, max %d)%n", what, ms[ms.length / 2], ms[0], ms[ms.length - 1]);
    }
}
