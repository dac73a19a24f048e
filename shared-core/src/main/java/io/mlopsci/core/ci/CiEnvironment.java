package io.mlopsci.core.ci;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlopsci.contract.ci.CiVariables;
import io.mlopsci.contract.result.CiInfo;
import io.mlopsci.core.error.MlopsException;
import io.mlopsci.core.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Where the engine runs: the CI system's variables as {@link CiVariables} reads them (GitHub
 * Actions, Jenkins, or none), completed from the {@code .git} directory on a developer's machine.
 * The engine reads these variables as plain data; it links nothing from either CI system.
 */
public final class CiEnvironment {

    private CiEnvironment() {}

    /**
     * Detects the CI context. {@code mainBranches} decides {@link CiInfo#mainBranch()}: true when
     * the branch is one of them and the build does not concern a pull request ({@link
     * CiVariables#forPullRequest()}: any event about one on GitHub Actions, a {@code CHANGE_ID} on
     * Jenkins or anywhere), whatever branch the CI system names.
     *
     * @throws MlopsException (exit 2) when GitHub Actions' event payload cannot be read
     */
    public static CiInfo detect(Map<String, String> env, Path workdir, List<String> mainBranches) {
        CiVariables ci = variables(env);
        String sha = ci.sha();
        String branch = ci.branch();
        if (sha == null || branch == null) {
            GitInfo git = GitInfo.read(workdir);
            sha = firstNonNull(sha, git.sha());
            branch = firstNonNull(branch, git.branch());
        }
        boolean main = !ci.forPullRequest() && branch != null && mainBranches.contains(branch);
        return new CiInfo(
                ci.system(),
                branch,
                sha,
                ci.pullRequest(),
                ci.buildUrl(),
                ci.repository(),
                main,
                ci.trigger(),
                ci.forPullRequest());
    }

    /**
     * The CI system's variables, GitHub Actions' event payload read strictly (a duplicate key or a
     * second document is an error, never a guess).
     *
     * @throws MlopsException (exit 2) when the event payload cannot be read
     */
    public static CiVariables variables(Map<String, String> env) {
        if (!"true".equals(env.get("GITHUB_ACTIONS"))) {
            return CiVariables.read(env);
        }
        return CiVariables.read(env, readEvent(env.get("GITHUB_EVENT_PATH")));
    }

    private static JsonNode readEvent(String path) {
        if (path == null || path.isBlank()) {
            return null;
        }
        Path p = Path.of(path);
        if (!Files.isRegularFile(p)) {
            return null;
        }
        try {
            return Json.readUserFile(p);
        } catch (Json.Malformed e) {
            // Read leniently (or not at all), a payload would say "no pull request": never guess.
            throw MlopsException.input("the event payload " + e.describe(path) + " (GITHUB_EVENT_PATH)", e);
        } catch (IOException e) {
            throw MlopsException.input("cannot read the event payload " + path + ": " + e.getMessage(), e);
        }
    }

    private static String firstNonNull(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }
}
