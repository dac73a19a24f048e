package io.mlopsci.action;

import io.mlopsci.contract.StepId;
import io.mlopsci.core.publish.CommentMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The action's inputs, read as the runner passes them: {@code INPUT_} + the name upper-cased,
 * spaces as underscores and hyphens kept. Both {@code working_directory} and
 * {@code working-directory} spellings are accepted. Invalid values are collected as problems.
 */
record ActionInputs(
        String step,
        String config,
        String workingDirectory,
        List<String> overrides,
        boolean noCache,
        String result,
        String githubToken,
        CommentMode comment,
        boolean checkRun,
        String checkName,
        FailOn failOn,
        boolean jobSummary,
        String mlflowTrackingUri,
        String mlflowTrackingUsername,
        String mlflowTrackingPassword,
        String mlflowTrackingToken,
        String dockerPathMap,
        boolean dockerSocket,
        String at,
        boolean monitorIssue,
        List<String> problems) {

    /** The action's own mode: publish an uploaded result.json (no engine run). */
    static final String PUBLISH = "publish";

    /** The engine's steps and {@code run}, from the contract, then {@link #PUBLISH}. */
    static final List<String> STEPS = Stream.concat(
                    Arrays.stream(StepId.values()).map(StepId::id), Stream.of(PUBLISH))
            .toList();

    /** How the verdict maps to the action's exit code. */
    enum FailOn {
        /** FAIL fails the job (default). */
        FAIL,
        /** FAIL and WARN fail the job. */
        WARN,
        /** The verdict never fails the job; errors of the engine still do. */
        NEVER
    }

    static ActionInputs read(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        String step = get(env, "step", StepId.RUN.id()).toLowerCase(Locale.ROOT);
        if (!STEPS.contains(step)) {
            problems.add("step: expected one of " + String.join(", ", STEPS) + "; got '" + step + "'");
        }
        CommentMode comment = CommentMode.ALWAYS;
        try {
            comment = CommentMode.parse(get(env, "comment", "always"));
        } catch (IllegalArgumentException e) {
            problems.add("comment: " + e.getMessage());
        }
        FailOn failOn = FailOn.FAIL;
        String f = get(env, "fail_on", "fail").toUpperCase(Locale.ROOT);
        try {
            failOn = FailOn.valueOf(f);
        } catch (IllegalArgumentException e) {
            problems.add("fail_on: expected fail, warn or never; got '" + get(env, "fail_on", "") + "'");
        }
        List<String> overrides = new ArrayList<>();
        for (String line : get(env, "set", "").split("\\R")) {
            if (!line.isBlank()) {
                overrides.add(line.strip());
            }
        }
        String at = get(env, "at", "");
        if (!at.isEmpty()) {
            if (!step.equals(StepId.MONITOR.id())) {
                problems.add("at: only step 'monitor' takes it; got step '" + step + "'");
            }
            try {
                java.time.Instant.parse(at);
            } catch (java.time.format.DateTimeParseException e) {
                problems.add("at: expected an ISO-8601 instant such as 2026-01-05T00:00:00Z; got '" + at + "'");
            }
        }
        String result = get(env, "result", "");
        if (step.equals("publish") && result.isEmpty()) {
            problems.add("result: step 'publish' needs the path of the result.json to publish");
        }
        return new ActionInputs(
                step,
                get(env, "config", "mlops.yaml"),
                get(env, "working_directory", "."),
                overrides,
                bool(env, "no_cache", false, problems),
                result.isEmpty() ? null : result,
                get(env, "github_token", ""),
                comment,
                bool(env, "check_run", true, problems),
                get(env, "check_name", "mlops-ci"),
                failOn,
                bool(env, "job_summary", true, problems),
                get(env, "mlflow_tracking_uri", ""),
                get(env, "mlflow_tracking_username", ""),
                get(env, "mlflow_tracking_password", ""),
                get(env, "mlflow_tracking_token", ""),
                get(env, "docker_path_map", ""),
                bool(env, "docker_socket", false, problems),
                at.isEmpty() ? null : at,
                bool(env, "monitor_issue", true, problems),
                List.copyOf(problems));
    }

    /** The input's value, trimmed; {@code fallback} when unset or empty. */
    static String get(Map<String, String> env, String name, String fallback) {
        String upper = name.toUpperCase(Locale.ROOT).replace(' ', '_');
        for (String key :
                new String[] {"INPUT_" + upper, "INPUT_" + upper.replace('_', '-'), "INPUT_" + upper.replace('-', '_')
                }) {
            String v = env.get(key);
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return fallback;
    }

    /** YAML 1.2 core booleans, as {@code @actions/core} reads them. */
    static boolean bool(Map<String, String> env, String name, boolean fallback, List<String> problems) {
        String v = get(env, name, "");
        if (v.isEmpty()) {
            return fallback;
        }
        if (Set.of("true", "True", "TRUE").contains(v)) {
            return true;
        }
        if (Set.of("false", "False", "FALSE").contains(v)) {
            return false;
        }
        problems.add(name + ": expected true or false; got '" + v + "'");
        return fallback;
    }

    /** The values to mask in the log. */
    List<String> secrets() {
        return List.of(githubToken, mlflowTrackingPassword, mlflowTrackingToken);
    }

    @Override
    public String toString() {
        return "ActionInputs[step=" + step + ", config=" + config + ", workingDirectory=" + workingDirectory + "]";
    }
}
