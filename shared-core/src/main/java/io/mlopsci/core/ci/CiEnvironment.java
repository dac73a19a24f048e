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
        return detect(env, workdir, mainBranches, null);
    }

    /**
     * As {@link #detect(Map, Path, List)}, the branch decided by the first of: {@code branchOption}
     * (the CLI's {@code --branch}), {@code MLOPS_BRANCH}, the CI system's variables, the git
     * checkout; {@link CiInfo#branchSource()} says which.
     */
    public static CiInfo detect(Map<String, String> env, Path workdir, List<String> mainBranches, String branchOption) {
        CiVariables ci = variables(env);
        String sha = ci.sha();
        String branch = null;
        String source = null;
        if (branchOption != null && !branchOption.isBlank()) {
            branch = branchOption.strip();
            source = "--branch";
        } else if (env.get(BRANCH_VARIABLE) != null && !env.get(BRANCH_VARIABLE).isBlank()) {
            branch = env.get(BRANCH_VARIABLE).strip();
            source = BRANCH_VARIABLE;
        } else if (ci.branch() != null) {
            branch = ci.branch();
            source = ciSource(ci, env);
        }
        if (sha == null || branch == null) {
            GitInfo git = GitInfo.read(workdir);
            sha = firstNonNull(sha, git.sha());
            if (branch == null && git.branch() != null) {
                branch = git.branch();
                source = "the git checkout in " + workdir;
            }
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
                ci.forPullRequest(),
                source);
    }

    /** The environment variable that names the branch when neither the CI system nor git does (or to override them). */
    public static final String BRANCH_VARIABLE = "MLOPS_BRANCH";

    /** Which of the CI system's variables named the branch. */
    private static String ciSource(CiVariables ci, Map<String, String> env) {
        if (CiVariables.GITHUB_ACTIONS.equals(ci.system())) {
            return ci.pullRequest() != null ? "the pull request's head branch (GitHub Actions)" : "GITHUB_REF_NAME";
        }
        if (CiVariables.JENKINS.equals(ci.system())) {
            if (ci.pullRequest() != null && env.get("CHANGE_BRANCH") != null) {
                return "CHANGE_BRANCH";
            }
            return env.get("BRANCH_NAME") != null && !env.get("BRANCH_NAME").isBlank() ? "BRANCH_NAME" : "GIT_BRANCH";
        }
        return ci.system();
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
