package io.mlopsci.action;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Whom the engine runs as inside the action's container (the container itself is tested in TokenIsolationIT). */
class EngineUserTest {

    static final Path WS = Path.of("/github/workspace");
    /** GitHub's hosted runners: runner (1001) whose primary group is docker (121), the socket root:docker. */
    static final EngineUser.Owner RUNNER = new EngineUser.Owner(1001, 121);

    static final EngineUser.Owner SOCKET = new EngineUser.Owner(0, 121);

    @Test
    void asRootTheEngineBecomesTheWorkspaceOwnerWithoutTheDockerSocket() {
        List<String> warnings = new ArrayList<>();
        EngineUser u = EngineUser.decide(0, WS, RUNNER, SOCKET, false, warnings);
        assertThat(u.uid()).isEqualTo(1001);
        assertThat(u.gid()).as("not the socket's group").isEqualTo(EngineUser.NOGROUP);
        assertThat(u.groups()).isEmpty();
        assertThat(u.note()).contains("uid 1001", "without the Docker socket");
        assertThat(warnings).isEmpty();
        assertThat(EngineUser.parse(u.argument())).isEqualTo(new EngineUser(1001, 65534, List.of(), null));
    }

    @Test
    void dockerSocketTrueKeepsTheSocketsGroup() {
        EngineUser u = EngineUser.decide(0, WS, RUNNER, SOCKET, true, new ArrayList<>());
        assertThat(u.gid()).isEqualTo(121);
        assertThat(u.groups()).isEmpty();

        EngineUser other = EngineUser.decide(0, WS, new EngineUser.Owner(1001, 1001), SOCKET, true, new ArrayList<>());
        assertThat(other.gid()).isEqualTo(1001);
        assertThat(other.groups()).containsExactly(121);
        assertThat(other.argument()).isEqualTo("1001:1001:121");

        EngineUser noSocket = EngineUser.decide(0, WS, new EngineUser.Owner(1001, 1001), null, true, new ArrayList<>());
        assertThat(noSocket.groups()).isEmpty();
    }

    @Test
    void aRootOwnedWorkspaceOrANonRootContainerCannotSwitch() {
        List<String> warnings = new ArrayList<>();
        assertThat(EngineUser.decide(0, WS, new EngineUser.Owner(0, 0), SOCKET, false, warnings))
                .isNull();
        assertThat(warnings).singleElement().asString().contains("belongs to root", "non-root user");
        assertThat(EngineUser.decide(1001, WS, RUNNER, SOCKET, false, new ArrayList<>()))
                .isNull();
    }
}
