package io.mlopsci.action;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * GitHub Actions workflow commands on stdout, escaped as the runner unescapes them (the rules of
 * {@code @actions/core}): in data {@code %}, CR and LF; in properties also {@code :} and {@code ,}.
 * An escaped value stays on one line, so text from a pull request can never start a command of its
 * own; blocks of untrusted output go between {@link #stopCommands()} and {@link #resumeCommands}.
 */
final class WorkflowCommands {

    private final PrintStream out;

    WorkflowCommands(PrintStream out) {
        this.out = out;
    }

    static String escapeData(String s) {
        return s == null ? "" : s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    static String escapeProperty(String s) {
        return escapeData(s).replace(":", "%3A").replace(",", "%2C");
    }

    void command(String name, Map<String, String> properties, String message) {
        StringBuilder b = new StringBuilder("::").append(name);
        if (properties != null && !properties.isEmpty()) {
            b.append(' ');
            boolean first = true;
            for (Map.Entry<String, String> p : properties.entrySet()) {
                if (p.getValue() == null) {
                    continue;
                }
                b.append(first ? "" : ",").append(p.getKey()).append('=').append(escapeProperty(p.getValue()));
                first = false;
            }
        }
        b.append("::").append(escapeData(message));
        out.println(b);
        out.flush();
    }

    /** Masks a secret in all later log output, line by line (the runner masks single lines). */
    void addMask(String secret) {
        if (secret == null || secret.isBlank()) {
            return;
        }
        for (String line : secret.split("\\R")) {
            if (!line.isBlank()) {
                command("add-mask", null, line);
            }
        }
    }

    void debug(String message) {
        command("debug", null, message);
    }

    void notice(String message) {
        command("notice", null, message);
    }

    void warning(String message) {
        command("warning", null, message);
    }

    void error(String message) {
        command("error", null, message);
    }

    /** An annotation on a file line: {@code level} is error, warning or notice. */
    void annotate(String level, String file, int line, String title, String message) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("file", file);
        p.put("line", String.valueOf(line));
        p.put("title", title);
        command(level, p, message);
    }

    void group(String title) {
        command("group", null, title);
    }

    void endGroup() {
        command("endgroup", null, "");
    }

    /** Stops the runner from processing commands until {@link #resumeCommands} with the returned token. */
    String stopCommands() {
        String token = "mlops-" + UUID.randomUUID().toString().replace("-", "");
        command("stop-commands", null, token);
        return token;
    }

    void resumeCommands(String token) {
        out.println("::" + token + "::");
        out.flush();
    }

    /** A plain log line whose content cannot act as a command. */
    void log(String untrusted) {
        String token = stopCommands();
        out.println(untrusted);
        resumeCommands(token);
    }

    void println(String trusted) {
        out.println(trusted);
        out.flush();
    }
}
