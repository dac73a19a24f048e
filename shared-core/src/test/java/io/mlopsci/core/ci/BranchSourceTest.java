package io.mlopsci.core.ci;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsci.contract.result.CiInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The branch comes from --branch, MLOPS_BRANCH, the CI system or git, and the result says which. */
class BranchSourceTest {

    @TempDir
    Path dir;

    static final List<String> MAIN = List.of("main");

    @Test
    void outsideGitAndCiMlopsBranchDecidesAndPromotionCanHappen() {
        CiInfo ci = CiEnvironment.detect(Map.of("MLOPS_BRANCH", "main"), dir, MAIN);
        assertThat(ci.branch()).isEqualTo("main");
        assertThat(ci.branchSource()).isEqualTo("MLOPS_BRANCH");
        assertThat(ci.mainBranch()).isTrue();
        assertThat(ci.describeBranch()).isEqualTo("'main' (from MLOPS_BRANCH)");
    }

    @Test
    void theOptionWinsOverTheVariableAndTheCiSystem() {
        Map<String, String> jenkins =
                Map.of("JENKINS_URL", "http://ci", "BRANCH_NAME", "feature", "MLOPS_BRANCH", "dev");
        CiInfo ci = CiEnvironment.detect(jenkins, dir, MAIN, "main");
        assertThat(ci.branch()).isEqualTo("main");
        assertThat(ci.branchSource()).isEqualTo("--branch");
        CiInfo byVariable = CiEnvironment.detect(jenkins, dir, MAIN, null);
        assertThat(byVariable.branch()).isEqualTo("dev");
        assertThat(byVariable.branchSource()).isEqualTo("MLOPS_BRANCH");
    }

    @Test
    void theCiSystemsVariableIsNamed() {
        CiInfo jenkins = CiEnvironment.detect(Map.of("JENKINS_URL", "http://ci", "BRANCH_NAME", "feature"), dir, MAIN);
        assertThat(jenkins.describeBranch()).isEqualTo("'feature' (from BRANCH_NAME)");
        CiInfo actions =
                CiEnvironment.detect(Map.of("GITHUB_ACTIONS", "true", "GITHUB_REF_NAME", "release"), dir, MAIN);
        assertThat(actions.describeBranch()).isEqualTo("'release' (from GITHUB_REF_NAME)");
    }

    @Test
    void theGitCheckoutWhenNothingElseNamesIt() throws IOException {
        Files.createDirectories(dir.resolve(".git"));
        Files.writeString(dir.resolve(".git/HEAD"), "ref: refs/heads/topic\n");
        CiInfo ci = CiEnvironment.detect(Map.of(), dir, MAIN);
        assertThat(ci.branch()).isEqualTo("topic");
        assertThat(ci.branchSource()).startsWith("the git checkout");
        assertThat(ci.mainBranch()).isFalse();
    }

    @Test
    void nothingNamesItAndTheMessageSaysWhatWouldHave() {
        CiInfo ci = CiEnvironment.detect(Map.of(), dir, MAIN);
        assertThat(ci.branch()).isNull();
        assertThat(ci.describeBranch())
                .isEqualTo("unknown (no --branch, MLOPS_BRANCH, CI variable or git checkout names it)");
    }
}
