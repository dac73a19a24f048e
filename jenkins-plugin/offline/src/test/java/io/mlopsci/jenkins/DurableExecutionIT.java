package io.mlopsci.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.AbortException;
import hudson.util.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine as a durable task, with the real engine on the JVM sample: a secret with {@code $}
 * arrives as written; an execution serialized mid-run (a controller restart) resumes polling the
 * same process and ends with the engine's verdict; {@code stop()} kills the engine and what it
 * started.
 */
class DurableExecutionIT {

    @TempDir
    Path tmp;

    @AfterEach
    void tearDown() {
        OfflineJenkins.resetGlobals();
    }

    /** The training command, run by the engine through sh with the sample's arguments. */
    private static String train(String shell) {
        return "train.command=[sh, -c, '" + shell + "', \"${data.train}\", \"${data.eval}\", \"${train.output}\"]";
    }

    private static final String REAL_TRAINING = "exec java src/Train.java --train \"$0\" --eval \"$1\" --out \"$2\"";

    @Test
    void aSecretWithDollarSignsReachesTheEngineAsWritten() throws Exception {
        OfflineJenkins.requireEngine();
        OfflineJenkins jenkins = OfflineJenkins.withSample("jvm-classifier", tmp);
        String secret = "pa$$w0rd-$HOME-${JOB_NAME}-$";
        SystemCredentialsProvider.getInstance()
                .getCredentials()
                .add(new StringCredentialsImpl(CredentialsScope.GLOBAL, "mlflow", "", Secret.fromString(secret)));
        MlopsTrainStep step = new MlopsTrainStep();
        step.setMlflowCredentialsId("mlflow");
        step.setNoCache(true);
        step.setOverrides(
                List.of(train("printf %s \"$MLFLOW_TRACKING_TOKEN\" > token.txt; sleep 2; " + REAL_TRAINING)));

        OfflineJenkins.Started started = jenkins.started(step);
        await(
                "the engine runs",
                () -> ((MlopsStepExecution) started.execution()).phase() == MlopsStepExecution.Phase.RUNNING);
        assertThat(new String(jenkins.serialized(started), StandardCharsets.ISO_8859_1))
                .as("the execution is saved with the build: secrets are never part of it")
                .doesNotContain("pa$$w0rd")
                .contains("mlflow"); // the credentials id is
        OfflineJenkins.StepRun r = started.await();
        r.map();
        assertThat(jenkins.sandbox.dir().resolve("token.txt"))
                .as("Launcher.ProcStarter.envs expands $ (EnvVars.overrideExpandingAll); the step escapes it")
                .hasContent(secret);
        assertThat(r.log()).doesNotContain(secret);
    }

    @Test
    void anExecutionSerializedMidRunResumesThePollingAndEndsWithTheEnginesVerdict() throws Exception {
        OfflineJenkins.requireEngine();
        OfflineJenkins jenkins = OfflineJenkins.withSample("jvm-classifier", tmp);
        MlopsTrainStep step = new MlopsTrainStep();
        step.setNoCache(true);
        step.setOverrides(List.of(train("echo training starts; sleep 4; " + REAL_TRAINING)));

        OfflineJenkins.Started before = jenkins.started(step);
        await("the engine's output reached the log", () -> before.logSoFar().contains("train | training starts"));
        MlopsStepExecution running = (MlopsStepExecution) before.execution();
        assertThat(running.phase()).isEqualTo(MlopsStepExecution.Phase.RUNNING);
        assertThat(running.blocksRestart())
                .as("a running engine does not hold up a safe restart")
                .isFalse();
        assertThat(running.getStatus()).startsWith("engine running; polling every");

        OfflineJenkins.Started after = jenkins.restart(before);
        OfflineJenkins.StepRun r = after.await();

        assertThat(r.map()).containsEntry("verdict", "PASS").containsEntry("buildResult", "SUCCESS");
        EngineOracle.assertMappedAsTheEngineSays(r, jenkins.sandbox.out("train", "result.json"), "train");
        assertThat(r.log())
                .as("the resumed execution streams the rest of the same process's output")
                .contains("train | epoch 300")
                .doesNotContain("train | training starts");
        assertThat(jenkins.launched).as("resumed, not started again").hasSize(1);
        assertThat(before.isDone())
                .as("the old controller's execution said nothing")
                .isFalse();
        assertThat(jenkins.run.getActions(MlopsResultAction.class)).hasSize(1);
    }

    @Test
    void stopKillsTheEngineAndEveryProcessItStarted() throws Exception {
        OfflineJenkins.requireEngine();
        Requirements.linuxProc();
        OfflineJenkins jenkins = OfflineJenkins.withSample("jvm-classifier", tmp);
        MlopsTrainStep step = new MlopsTrainStep();
        step.setNoCache(true);
        step.setOverrides(List.of(train("echo $$ > shell.pid; sleep 600 & echo $! > sleep.pid; wait")));

        OfflineJenkins.Started started = jenkins.started(step);
        Path ws = jenkins.sandbox.dir();
        await(
                "the training command started a child",
                () -> Files.exists(ws.resolve("sleep.pid"))
                        && !read(ws.resolve("sleep.pid")).isBlank());
        long shell = Long.parseLong(read(ws.resolve("shell.pid")));
        long sleep = Long.parseLong(read(ws.resolve("sleep.pid")));
        String cookie = "JENKINS_SERVER_COOKIE=durable-"
                + HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256")
                                .digest(jenkins.workspace.getRemote().getBytes(StandardCharsets.UTF_8)));
        assertThat(processesWith(cookie)).as("the engine, sh and sleep").hasSizeGreaterThanOrEqualTo(3);

        AbortException cause = new AbortException("aborted by the user");
        started.execution().stop(cause);

        assertThat(started.await().error()).isSameAs(cause);
        await("the whole process tree is gone", () -> !alive(shell) && !alive(sleep));
        assertThat(processesWith(cookie))
                .as("nothing carries the task's cookie any more")
                .isEmpty();
        assertThat(jenkins.run.getActions(MlopsResultAction.class))
                .as("a stopped step publishes nothing")
                .isEmpty();
    }

    private static String read(Path p) {
        try {
            return Files.readString(p).trim();
        } catch (IOException e) {
            return "";
        }
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** The live processes whose environment holds {@code variable} (NAME=VALUE), from /proc. */
    private static Set<Long> processesWith(String variable) throws IOException {
        try (Stream<Path> all = Files.list(Path.of("/proc"))) {
            return all.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(p -> {
                        try {
                            String env = new String(Files.readAllBytes(p.resolve("environ")), StandardCharsets.UTF_8);
                            return List.of(env.split("\0")).contains(variable);
                        } catch (IOException | SecurityException e) {
                            return false;
                        }
                    })
                    .map(p -> Long.parseLong(p.getFileName().toString()))
                    .filter(DurableExecutionIT::alive)
                    .collect(java.util.stream.Collectors.toSet());
        }
    }

    /** Polls a condition (a fixture wait, bounded, not a timed assertion on speed). */
    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(100);
        }
    }

    /** What the process checks need. */
    static final class Requirements {
        static void linuxProc() {
            io.mlopsci.core.testing.Requirements.require(
                    Files.isDirectory(Path.of("/proc/self")), "Linux /proc (the stub kills processes by environment)");
        }
    }
}
