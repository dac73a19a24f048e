package io.mlopsci.core.ci;

import io.mlopsci.contract.ci.CiVariables;
import io.mlopsci.contract.result.CiInfo;
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
     * the branch is one of them and the build is not for a pull request.
     */
    public static CiInfo detect(Map<String, String> env, Path workdir, List<String> mainBranches) {
        CiVariables ci = CiVariables.read(env);
        String sha = ci.sha();
        String branch = ci.branch();
        if (sha == null || branch == null) {
            GitInfo git = GitInfo.read(workdir);
            sha = firstNonNull(sha, git.sha());
            branch = firstNonNull(branch, git.branch());
        }
        boolean main = ci.pullRequest() == null && branch != null && mainBranches.contains(branch);
        return new CiInfo(ci.system(), branch, sha, ci.pullRequest(), ci.buildUrl(), ci.repository(), main);
    }

    private static String firstNonNull(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }
}
