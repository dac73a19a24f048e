package io.mlopsci.jenkins;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Test helper: the engine command behind a durable task's launch (its script and Java argument file). */
final class DurableCommands {

    private static final Pattern EXEC = Pattern.compile("exec '((?:[^']|'\\\\'')*)' '@((?:[^']|'\\\\'')*)'");

    private DurableCommands() {}

    /** For the durable wrapper {@code nohup sh <control dir>/wrapper.sh}: {@code java ARGS...}; else the command. */
    static List<String> engineCommand(List<String> cmds) throws IOException {
        if (cmds.size() == 3 && cmds.get(0).equals("nohup") && cmds.get(2).endsWith("wrapper.sh")) {
            Path script = Path.of(cmds.get(2)).resolveSibling("script.sh");
            Matcher m = EXEC.matcher(Files.readString(script));
            if (!m.find()) {
                return List.copyOf(cmds);
            }
            List<String> out = new ArrayList<>();
            out.add(unquote(m.group(1)));
            out.addAll(parseArgumentFile(Files.readString(Path.of(unquote(m.group(2))), Charset.defaultCharset())));
            return out;
        }
        return List.copyOf(cmds);
    }

    private static String unquote(String s) {
        return s.replace("'\\''", "'");
    }

    /** The Java launcher's reading of an argument file (quoted arguments with backslash escapes). */
    static List<String> parseArgumentFile(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (cur == null) {
                if (c == '"') {
                    cur = new StringBuilder();
                } else if (!Character.isWhitespace(c)) {
                    throw new IllegalArgumentException("unquoted argument at " + i + ": " + text);
                }
            } else if (c == '\\') {
                char n = text.charAt(++i);
                cur.append(
                        switch (n) {
                            case 'n' -> '\n';
                            case 'r' -> '\r';
                            case 't' -> '\t';
                            case 'f' -> '\f';
                            default -> n;
                        });
            } else if (c == '"') {
                out.add(cur.toString());
                cur = null;
            } else {
                cur.append(c);
            }
        }
        return out;
    }
}
