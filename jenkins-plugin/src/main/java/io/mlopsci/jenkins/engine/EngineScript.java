package io.mlopsci.jenkins.engine;

import java.util.List;

/**
 * How the engine is started as a durable task: the arguments go to a Java argument file
 * ({@code java @FILE}, read by the Java launcher itself), so no shell or {@code cmd.exe} ever
 * parses them — the script only names {@code java} and that file. Unix agents run a
 * {@code #!/bin/sh} script that {@code exec}s Java (so stopping the task signals the engine
 * itself); Windows agents a batch file, as {@code bat} does.
 */
public final class EngineScript {

    private EngineScript() {}

    /** The Java argument file for {@code args}: each one double-quoted, {@code \} and {@code "} escaped. */
    public static String argumentFile(List<String> args) {
        StringBuilder b = new StringBuilder();
        for (String a : args) {
            b.append('"');
            for (int i = 0; i < a.length(); i++) {
                char c = a.charAt(i);
                switch (c) {
                    case '\\' -> b.append("\\\\");
                    case '"' -> b.append("\\\"");
                    case '\n' -> b.append("\\n");
                    case '\r' -> b.append("\\r");
                    case '\t' -> b.append("\\t");
                    case '\f' -> b.append("\\f");
                    default -> b.append(c);
                }
            }
            b.append("\"\n");
        }
        return b.toString();
    }

    /** The {@code sh} script: {@code exec 'java' '@FILE'}, single-quoted. */
    public static String unix(String java, String argumentFile) {
        return "#!/bin/sh\nexec " + shQuote(java) + " " + shQuote("@" + argumentFile) + "\n";
    }

    /** The batch script: {@code "java" "@FILE"} and its exit code. */
    public static String windows(String java, String argumentFile) {
        return "@echo off\r\n" + batchQuote(java) + " " + batchQuote("@" + argumentFile)
                + "\r\nexit /b %ERRORLEVEL%\r\n";
    }

    static String shQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** Windows paths cannot hold {@code "}; {@code %} is doubled so a batch file does not expand it. */
    static String batchQuote(String s) {
        if (s.indexOf('"') >= 0) {
            throw new IllegalArgumentException("a Windows path cannot contain '\"': " + s);
        }
        return "\"" + s.replace("%", "%%") + "\"";
    }
}
