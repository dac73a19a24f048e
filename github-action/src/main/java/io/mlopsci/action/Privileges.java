package io.mlopsci.action;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * The few libc calls the action needs, through JNA: the adapter, which holds the token, makes
 * itself undumpable (its {@code /proc/<pid>/environ} and memory then need {@code CAP_SYS_PTRACE},
 * which a container's root lacks by default); the engine's process gives up root for the
 * workspace owner's uid before it runs anything of the pull request's.
 */
final class Privileges {

    /** {@code prctl(2)} option: whether the process may be dumped and its /proc files read by its uid. */
    static final int PR_SET_DUMPABLE = 4;

    static final int PR_GET_DUMPABLE = 3;

    /** libc, loaded once (Linux only: container actions run on Linux runners). */
    interface LibC extends Library {
        int prctl(int option, long arg2, long arg3, long arg4, long arg5);

        int setgroups(long size, int[] list);

        int setresgid(int rgid, int egid, int sgid);

        int setresuid(int ruid, int euid, int suid);

        int getuid();

        int geteuid();

        int getgid();
    }

    private static final class Holder {
        static final LibC LIBC = Native.load("libc.so.6", LibC.class);
    }

    private Privileges() {}

    /** Marks this process undumpable; false when the call is not available or failed. */
    static boolean undumpable() {
        try {
            return Holder.LIBC.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == 0
                    && Holder.LIBC.prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) == 0;
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            return false;
        }
    }

    /** This process's real uid. */
    static int uid() {
        return Holder.LIBC.getuid();
    }

    /**
     * Becomes {@code user} for good: supplementary groups, then real, effective and saved gid, then
     * uid (in that order: without root the groups and gid could no longer change). Every thread of
     * the JVM changes with it (glibc applies these calls to all threads).
     *
     * @throws IllegalStateException when any step fails or root could be regained
     */
    static void become(EngineUser user) {
        LibC c = Holder.LIBC;
        int[] groups = user.groups().stream().mapToInt(Integer::intValue).toArray();
        check(c.setgroups(groups.length, groups.length == 0 ? null : groups), "setgroups");
        check(c.setresgid(user.gid(), user.gid(), user.gid()), "setresgid");
        check(c.setresuid(user.uid(), user.uid(), user.uid()), "setresuid");
        if (c.getuid() != user.uid() || c.geteuid() != user.uid() || c.getgid() != user.gid()) {
            throw new IllegalStateException("still running as uid " + c.getuid() + " (euid " + c.geteuid() + ")");
        }
        if (user.uid() != 0 && c.setresuid(0, 0, 0) == 0) {
            throw new IllegalStateException("root could be regained after dropping it");
        }
    }

    private static void check(int rc, String call) {
        if (rc != 0) {
            throw new IllegalStateException(call + " failed (errno " + Native.getLastError() + ")");
        }
    }
}
