package io.mlopsci.jenkins.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The durable task's scripts name only Java and the argument file, quoted for sh and for batch files. */
class EngineScriptTest {

    @Test
    void theScriptsOnlyNameJavaAndTheArgumentFile() {
        assertThat(EngineScript.unix("/opt/j dk/bin/java", "/ws@tmp/it's.args"))
                .isEqualTo("#!/bin/sh\nexec '/opt/j dk/bin/java' '@/ws@tmp/it'\\''s.args'\n");
        assertThat(EngineScript.windows("C:\\Program Files\\Java\\bin\\java.exe", "C:\\ws@tmp\\100%.args"))
                .isEqualTo("@echo off\r\n\"C:\\Program Files\\Java\\bin\\java.exe\" \"@C:\\ws@tmp\\100%%.args\"\r\n"
                        + "exit /b %ERRORLEVEL%\r\n");
        assertThatThrownBy(() -> EngineScript.windows("C:\\a\"b\\java.exe", "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
