package io.mlopsci.jenkins;

import io.mlopsci.core.testing.Processes;
import io.mlopsci.jenkins.engine.AgentEngine;
import io.mlopsci.jenkins.tool.EngineInstallations;
import io.mlopsci.jenkins.tool.MlopsEngineInstallation;
import io.mlopsci.jenkins.tool.MlopsEngineInstaller;
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
 * the tool installer putting the linux-amd64 engine distribution on an agent (cold: download from a
 * file URL, SHA-256, rename) and finding it there (warm), and a whole {@code mlopsTrain} step (a
 * durable task polled from the timer) on a cache hit against the bare CLI doing the same work.
 * Prints medians and ranges in milliseconds; asserts nothing.
 */
public final class StepOverheadBench {

    private StepOverheadBench() {}

    public static void main(String[] args) throws Exception {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        Path tmp = Files.createTempDirectory("mlops-bench");
        Path dist = Path.of(System.getProperty("mlops.repoRoot", "."), "engine-dist", "target", "mlops-linux-amd64.jar")
                .toAbsolutePath();
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        PrintStream out = System.out;
        System.setOut(quiet); // the build logs echo to stdout; keep only the numbers
        out.printf(
                "engine distribution: %s, %.1f MB; %d repetitions; Java %s%n",
                dist.getFileName(), Files.size(dist) / 1e6, reps, Runtime.version());
        MlopsEngineInstaller installer = new MlopsEngineInstaller(null);
        installer.setUrl(dist.toUri().toString().replace("linux-amd64", "{platform}"));
        hudson.util.StreamTaskListener silent = new hudson.util.StreamTaskListener(quiet);
        int[] n = {0};
        report(out, "install on an agent, cold (download, SHA-256, rename)", time(reps, () -> {
            Path agent = Files.createDirectories(tmp.resolve("agent-" + n[0]++));
            MlopsEngineInstallation tool = new MlopsEngineInstallation(
                    "bench", "", List.of(new hudson.tools.InstallSourceProperty(List.of(installer))));
            EngineInstallations.home(
                    tool,
                    new OfflineJenkins.TestComputer(new hudson.FilePath(agent.toFile())).getNode(),
                    new hudson.EnvVars(),
                    silent);
        }));
        Path warmAgent = Files.createDirectories(tmp.resolve("agent-warm"));
        MlopsEngineInstallation warmTool = new MlopsEngineInstallation(
                "bench", "", List.of(new hudson.tools.InstallSourceProperty(List.of(installer))));
        hudson.model.Node warmNode = new OfflineJenkins.TestComputer(new hudson.FilePath(warmAgent.toFile())).getNode();
        AgentEngine engine =
                AgentEngine.locate(EngineInstallations.home(warmTool, warmNode, new hudson.EnvVars(), silent));
        report(
                out,
                "find it on the agent, warm (installed: marker check, java lookup)",
                time(
                        reps,
                        () -> AgentEngine.locate(
                                EngineInstallations.home(warmTool, warmNode, new hudson.EnvVars(), silent))));

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
        report(
                out,
                "mlopsTrain step: same work as a durable task, plus result, reports, JUnit, checks",
                time(reps, () -> {
                    OfflineJenkins b =
                            OfflineJenkins.inWorkspace(jenkins.sandbox, Files.createTempDirectory(tmp, "build"));
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
