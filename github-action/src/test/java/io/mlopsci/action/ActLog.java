package io.mlopsci.action;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * act's log (its plain-text form, the one a user reads), taken apart per job: how each step ended,
 * the exit codes act reported, the outputs, job summaries and annotations it took from the steps'
 * file commands and workflow commands, and the lines the steps printed. Every line act writes for a
 * job starts with {@code [<workflow>/<job>]}; a job summary is the one message that spans lines.
 */
record ActLog(String text, int exitCode, Map<String, Job> jobs) {

    /** A step's end: stage (Pre, Main, Post), the name act shows, and whether it succeeded. */
    record StepEnd(String stage, String name, boolean success) {}

    /** A workflow command annotation as act received it: error, warning or notice, its properties and message. */
    record Annotation(String level, Map<String, String> properties, String message) {}

    /**
     * What act logged for one job; {@code masked} counts the {@code ::add-mask::} commands act took
     * (it logs each as {@code ***}).
     */
    record Job(
            String name,
            List<StepEnd> steps,
            List<Integer> exitCodes,
            Map<String, String> outputs,
            List<String> summaries,
            List<Annotation> annotations,
            List<String> printed,
            int masked,
            String result) {

        /** How the step named {@code name} (its Main stage) ended; fails when it did not run. */
        StepEnd step(String name) {
            return steps.stream()
                    .filter(s -> s.stage().equals("Main") && s.name().equals(name))
                    .findFirst()
                    .orElseThrow(() ->
                            new AssertionError("no step '" + name + "' ran in job " + this.name + "; steps: " + steps));
        }

        boolean ran(String name) {
            return steps.stream()
                    .anyMatch(s -> s.stage().equals("Main") && s.name().equals(name));
        }
    }

    private static final Pattern LINE = Pattern.compile("^\\[([^\\]]+?)\\s*\\] (.*)$");
    private static final Pattern END =
            Pattern.compile("^\\s+(✅|❌)\\s+(Success|Failure) - (Pre|Main|Post) (.*?) \\[[^\\]]*\\]$");
    private static final Pattern EXIT = Pattern.compile("^exit with `FAILURE`: (\\d+)$");
    private static final Pattern OUTPUT = Pattern.compile("^\\s+⚙\\s+::set-output:: ([^=]+)=(.*)$");
    private static final Pattern SUMMARY = Pattern.compile("^\\s+⚙\\s+Summary - (.*)$");
    private static final Pattern COMMAND = Pattern.compile("^\\s+\\S+\\s+::(error|warning|notice)( [^:]*)?::(.*)$");
    private static final Pattern PRINTED = Pattern.compile("^\\s+\\| (.*)$");
    private static final Pattern MASK = Pattern.compile("^\\s+⚙\\s+\\*\\*\\*$");
    private static final Pattern RESULT = Pattern.compile("^🏁\\s+Job (succeeded|failed)$");

    static ActLog parse(String text, int exitCode) {
        Map<String, Builder> jobs = new LinkedHashMap<>();
        Builder summaryOf = null;
        StringBuilder summary = null;
        for (String line : text.split("\n", -1)) {
            Matcher m = LINE.matcher(line);
            boolean jobLine = m.matches()
                    && (jobs.containsKey(m.group(1).strip()) || m.group(2).startsWith("⭐"));
            if (!jobLine) {
                if (summary != null) {
                    summary.append('\n').append(line);
                }
                continue;
            }
            if (summary != null) {
                summaryOf.summaries.add(summary.toString());
                summary = null;
            }
            Builder job = jobs.computeIfAbsent(m.group(1).strip(), Builder::new);
            String rest = m.group(2);
            Matcher x;
            if ((x = END.matcher(rest)).matches()) {
                job.steps.add(new StepEnd(x.group(3), x.group(4), x.group(2).equals("Success")));
            } else if ((x = EXIT.matcher(rest)).matches()) {
                job.exitCodes.add(Integer.parseInt(x.group(1)));
            } else if ((x = OUTPUT.matcher(rest)).matches()) {
                job.outputs.put(x.group(1), x.group(2));
            } else if ((x = SUMMARY.matcher(rest)).matches()) {
                summaryOf = job;
                summary = new StringBuilder(x.group(1));
            } else if ((x = COMMAND.matcher(rest)).matches()) {
                job.annotations.add(new Annotation(x.group(1), properties(x.group(2)), x.group(3)));
            } else if ((x = PRINTED.matcher(rest)).matches()) {
                job.printed.add(x.group(1));
            } else if (MASK.matcher(rest).matches()) {
                job.masked++;
            } else if ((x = RESULT.matcher(rest)).matches()) {
                job.result = x.group(1);
            }
        }
        if (summary != null) {
            summaryOf.summaries.add(summary.toString());
        }
        Map<String, Job> out = new LinkedHashMap<>();
        jobs.forEach((k, b) -> out.put(k, b.build()));
        return new ActLog(text, exitCode, out);
    }

    /** The only job (a workflow with one job and no matrix). */
    Job job() {
        if (jobs.size() != 1) {
            throw new AssertionError("expected one job, act ran " + jobs.keySet() + "\n" + text);
        }
        return jobs.values().iterator().next();
    }

    Job job(String name) {
        Job j = jobs.get(name);
        if (j == null) {
            throw new AssertionError("act ran no job '" + name + "', only " + jobs.keySet() + "\n" + text);
        }
        return j;
    }

    private static Map<String, String> properties(String s) {
        Map<String, String> p = new LinkedHashMap<>();
        if (s == null) {
            return p;
        }
        for (String kv : s.strip().split(",")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                p.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        return p;
    }

    private static final class Builder {
        final String name;
        final List<StepEnd> steps = new ArrayList<>();
        final List<Integer> exitCodes = new ArrayList<>();
        final Map<String, String> outputs = new LinkedHashMap<>();
        final List<String> summaries = new ArrayList<>();
        final List<Annotation> annotations = new ArrayList<>();
        final List<String> printed = new ArrayList<>();
        int masked;
        String result;

        Builder(String name) {
            this.name = name;
        }

        Job build() {
            return new Job(
                    name,
                    List.copyOf(steps),
                    List.copyOf(exitCodes),
                    Map.copyOf(outputs),
                    List.copyOf(summaries),
                    List.copyOf(annotations),
                    List.copyOf(printed),
                    masked,
                    result);
        }
    }

    @Override
    public String toString() {
        return "act exit " + exitCode + "\n" + text;
    }
}
