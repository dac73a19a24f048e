package io.mlopsci.action;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Whom the engine — and so the training command and everything else of the pull request's it
 * runs — runs as inside the action's container: the owner of the workspace (the runner's user),
 * not root. It then cannot read the adapter's environment (which holds the token), and the files it
 * writes in the workspace belong to the runner's user, as a {@code run:} step's would.
 *
 * <p>The runner's Docker socket controls the whole runner (whoever can use it can start a
 * privileged container, or inspect this one and read its environment, token included), so the
 * engine gets it only when the workflow says {@code docker_socket: true}: then its group is added
 * (needed for {@code train.runner: docker}), otherwise the engine's primary group is chosen so that
 * it is not the socket's (on GitHub's runners the runner user's primary group is {@code docker}).
 *
 * @param uid    the user id
 * @param gid    the primary group id
 * @param groups supplementary groups (the Docker socket's, when allowed), else none
 * @param note   why, in words, for the log
 */
record EngineUser(int uid, int gid, List<Integer> groups, String note) {

    /** Debian's and Ubuntu's {@code nogroup}. */
    static final int NOGROUP = 65534;

    EngineUser {
        groups = List.copyOf(groups);
    }

    /** The argument {@link EngineMain} takes: {@code uid:gid:g1,g2}. */
    String argument() {
        StringBuilder b =
                new StringBuilder().append(uid).append(':').append(gid).append(':');
        for (int i = 0; i < groups.size(); i++) {
            b.append(i == 0 ? "" : ",").append(groups.get(i));
        }
        return b.toString();
    }

    static EngineUser parse(String s) {
        String[] p = s.split(":", -1);
        if (p.length != 3) {
            throw new IllegalArgumentException("expected uid:gid:groups, got '" + s + "'");
        }
        List<Integer> groups = p[2].isEmpty()
                ? List.of()
                : java.util.Arrays.stream(p[2].split(",")).map(Integer::valueOf).toList();
        return new EngineUser(Integer.parseInt(p[0]), Integer.parseInt(p[1]), groups, null);
    }

    /**
     * Whom to run the engine as, or null to run it as this process: when this process is not root
     * (it cannot switch) or the workspace belongs to root (a runner running as root; the note in
     * {@code warnings} says what that exposes).
     *
     * @param currentUid    this process's uid
     * @param workspace     {@code GITHUB_WORKSPACE}
     * @param dockerSocket  the Docker socket the runner mounted, or null
     * @param dockerAllowed the {@code docker_socket} input
     */
    static EngineUser decide(
            int currentUid, Path workspace, Path dockerSocket, boolean dockerAllowed, List<String> warnings) {
        return decide(
                currentUid,
                workspace,
                owner(workspace),
                dockerSocket == null ? null : owner(dockerSocket),
                dockerAllowed,
                warnings);
    }

    /** {@link #decide} on the owners of the workspace and the Docker socket (null when absent or unknown). */
    static EngineUser decide(
            int currentUid, Path workspace, Owner ws, Owner socket, boolean dockerAllowed, List<String> warnings) {
        if (currentUid != 0) {
            return null;
        }
        if (ws == null || ws.uid() == 0) {
            warnings.add("the workspace " + workspace + " belongs to root, so the engine and the training command run"
                    + " as root in this container; run the runner as a non-root user so that they run as that user");
            return null;
        }
        int gid = ws.gid();
        List<Integer> groups = List.of();
        String note = "the engine runs as the workspace owner (uid " + ws.uid() + ")";
        if (socket != null && dockerAllowed) {
            groups = socket.gid() == gid ? List.of() : List.of(socket.gid());
            note += ", with the Docker socket (docker_socket: true)";
        } else if (socket != null) {
            if (socket.gid() == gid) {
                gid = NOGROUP;
            }
            note += ", without the Docker socket (docker_socket: false)";
        }
        return new EngineUser(ws.uid(), gid, groups, note);
    }

    /** The socket a Docker client would use: {@code DOCKER_HOST=unix://...}, else /var/run/docker.sock when present. */
    static Path dockerSocket(Map<String, String> env) {
        String host = env.get("DOCKER_HOST");
        Path p = host != null && host.startsWith("unix://")
                ? Path.of(host.substring("unix://".length()))
                : Path.of("/var/run/docker.sock");
        return Files.exists(p, LinkOption.NOFOLLOW_LINKS) ? p : null;
    }

    /** A file's owner and group. */
    record Owner(int uid, int gid) {}

    private static Owner owner(Path p) {
        try {
            return new Owner((Integer) Files.getAttribute(p, "unix:uid"), (Integer) Files.getAttribute(p, "unix:gid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return null;
        }
    }
}
