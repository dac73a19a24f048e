package io.mlopsci.action;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlopsci.core.testing.GitHubEvents;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the Actions runner gives a container action: the workspace, the event payload, the file
 * commands GITHUB_OUTPUT and GITHUB_STEP_SUMMARY (temporary files), the GITHUB_* variables and the
 * inputs as INPUT_* variables. {@link #run} runs the adapter and parses what it left behind as the
 * runner would.
 */
final class SimulatedRunner {

    final Path workspace;
    final Path files;
    final Map<String, String> env = new HashMap<>();

    /** What a run left: exit code, stdout, outputs (as the runner parses them), the job summary. */
    record Run(int exitCode, String stdout, Map<String, String> outputs, List<String> delimiters, String summary) {
        List<String> commands() {
            return stdout.lines().filter(l -> l.startsWith("::")).toList();
        }
    }

    SimulatedRunner(Path workspace, Path files, String eventName, ObjectNode event) {
        this.workspace = workspace;
        this.files = files;
        try {
            Files.createDirectories(files);
            Files.createDirectories(workspace);
            Files.writeString(files.resolve("output"), "");
            Files.writeString(files.resolve("summary"), "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("HOME", files.resolve("home").toString());
        env.put("CI", "true");
        env.put("GITHUB_ACTIONS", "true");
        env.put("GITHUB_WORKSPACE", workspace.toString());
        env.put("GITHUB_EVENT_NAME", eventName);
        env.put(
                "GITHUB_EVENT_PATH",
                GitHubEvents.write(event, files.resolve("workflow")).toString());
        env.put("GITHUB_OUTPUT", files.resolve("output").toString());
        env.put("GITHUB_STEP_SUMMARY", files.resolve("summary").toString());
        env.put("GITHUB_REPOSITORY", GitHubEvents.REPOSITORY);
        env.put("GITHUB_SERVER_URL", "https://github.com");
        env.put("GITHUB_RUN_ID", "4242");
        env.put("GITHUB_REF_NAME", "2/merge");
        env.put("GITHUB_SHA", "5555555555555555555555555555555555555555");
        env.put("GITHUB_ACTOR", "Codertocat");
        env.put("MLOPS_PUBLISH_BACKOFF_MS", "20");
    }

    /** An input as the runner names it for a snake_case id: INPUT_CHECK_NAME. */
    SimulatedRunner input(String name, String value) {
        env.put("INPUT_" + name.toUpperCase(java.util.Locale.ROOT), value);
        return this;
    }

    /** An input as the runner names it for a hyphenated id (hyphens kept): INPUT_CHECK-NAME. */
    SimulatedRunner hyphenInput(String name, String value) {
        env.put("INPUT_" + name.toUpperCase(java.util.Locale.ROOT).replace('_', '-'), value);
        return this;
    }

    SimulatedRunner env(String k, String v) {
        env.put(k, v);
        return this;
    }

    /** Runs the adapter with the engine in a child JVM of the test class path, all output captured. */
    Run run() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        return run(out, bytes, EngineProcess.childJvm(out));
    }

    Run run(EngineProcess.Launcher launcher) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        return run(new PrintStream(bytes, true, StandardCharsets.UTF_8), bytes, launcher);
    }

    private Run run(PrintStream out, ByteArrayOutputStream bytes, EngineProcess.Launcher launcher) {
        int code = new Action(env, out, launcher).run();
        try {
            String output = Files.readString(files.resolve("output"));
            Map<String, String> outputs = new LinkedHashMap<>();
            List<String> delimiters = new java.util.ArrayList<>();
            parseOutputs(output, outputs, delimiters);
            return new Run(
                    code,
                    bytes.toString(StandardCharsets.UTF_8),
                    outputs,
                    delimiters,
                    Files.readString(files.resolve("summary")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final Pattern HEREDOC = Pattern.compile("^([^=<\\n]+)<<(.+)$");

    /** The runner's parser of GITHUB_OUTPUT: {@code name=value} lines and {@code name<<DELIMITER} blocks. */
    static void parseOutputs(String text, Map<String, String> outputs, List<String> delimiters) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                continue;
            }
            Matcher m = HEREDOC.matcher(line);
            if (m.matches()) {
                String delimiter = m.group(2);
                delimiters.add(delimiter);
                StringBuilder value = new StringBuilder();
                int j = i + 1;
                while (j < lines.length && !lines[j].equals(delimiter)) {
                    value.append(value.length() == 0 && j == i + 1 ? "" : "\n").append(lines[j]);
                    j++;
                }
                if (j >= lines.length) {
                    throw new AssertionError("unterminated output " + m.group(1));
                }
                outputs.put(m.group(1), value.toString());
                i = j;
            } else {
                int eq = line.indexOf('=');
                if (eq < 0) {
                    throw new AssertionError("malformed GITHUB_OUTPUT line: " + line);
                }
                outputs.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
    }
}
