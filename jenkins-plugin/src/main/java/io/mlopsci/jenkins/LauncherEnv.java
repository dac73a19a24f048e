package io.mlopsci.jenkins;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Environment values for {@code Launcher.ProcStarter.envs}: Jenkins runs
 * {@code EnvVars.overrideExpandingAll} over them, so {@code $VAR} in a value would be replaced and
 * {@code $$} would become {@code $} (a password {@code pa$$w0rd} would reach the process as
 * {@code pa$w0rd}). Every {@code $} is doubled so values arrive as written — what the durable-task
 * plugin's {@code FileMonitoringTask.escape} does for {@code sh}.
 */
final class LauncherEnv {

    private LauncherEnv() {}

    static Map<String, String> escape(Map<String, String> env) {
        Map<String, String> out = new LinkedHashMap<>();
        env.forEach((k, v) -> out.put(k, v == null ? null : v.replace("$", "$$")));
        return out;
    }
}
