package io.mlopsci.jenkins.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsci.core.testing.Processes;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Arguments reach the engine exactly as written, through the real Java launcher's argument file (a real java and sh). */
class EngineScriptIT {

    @TempDir
    Path tmp;

    static final List<String> AWKWARD = List.of(
            "train",
            "--set",
            "train.command=[sh, -c, 'echo \"$HOME\" ${data.train}']",
            "a b",
            "",
            "back\\slash C:\\dir\\",
            "100% %PATH% ^& | < > !x!",
            "#not a comment",
            "line\nbreak\ttab",
            "@not-an-argfile",
            "unicode é ✓");

    @Test
    void theJavaLauncherReadsTheArgumentFileBackToTheSameArguments() throws Exception {
        Path echo = tmp.resolve("Echo.java");
        Files.writeString(echo, """
                public class Echo {
                  public static void main(String[] a) {
                    for (String s : a) System.out.print("<" + s.replace("\\n", "\\\\n").replace("\\t", "\\\\t") + ">");
                  }
                }
                """);
        List<String> args = new ArrayList<>(List.of(echo.toString()));
        args.addAll(AWKWARD);
        Path file = tmp.resolve("args");
        Files.writeString(file, EngineScript.argumentFile(args), Charset.defaultCharset());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Processes.Result r = Processes.run(
                List.of("sh", "-c", EngineScript.unix(java, file.toString()).substring("#!/bin/sh\n".length())),
                tmp,
                Map.of("PATH", System.getenv("PATH"), "HOME", "/should/not/appear"),
                Duration.ofMinutes(2));
        assertThat(r.exitCode()).as(r.toString()).isZero();
        StringBuilder expected = new StringBuilder();
        for (String a : AWKWARD) {
            expected.append('<')
                    .append(a.replace("\n", "\\n").replace("\t", "\\t"))
                    .append('>');
        }
        assertThat(r.stdout().trim()).isEqualTo(expected.toString());
    }
}
