package io.mlopsci.action;

/** Entry point of the container action. */
public final class ActionMain {

    private ActionMain() {}

    public static void main(String[] args) {
        if (args.length == 1 && args[0].equals("--warm-up")) {
            // Run at image build time to record the classes a real run loads (class-data sharing).
            System.exit(WarmUp.run());
        }
        // UTF-8 whatever the container's locale (the image has none): the runner reads UTF-8.
        java.io.PrintStream out = new java.io.PrintStream(
                new java.io.FileOutputStream(java.io.FileDescriptor.out),
                true,
                java.nio.charset.StandardCharsets.UTF_8);
        out.println("mlops-action " + io.mlopsci.core.step.EngineVersion.tool() + " starting");
        // This process holds the token: make its /proc files and memory unreadable to anything it
        // starts, whatever user that runs as (a container's root lacks CAP_SYS_PTRACE by default).
        if (!Privileges.undumpable()) {
            out.println("::debug::mlops-action: could not mark this process undumpable");
        }
        int code = new Action(System.getenv(), out, EngineProcess.childJvm()).run();
        out.flush();
        System.exit(code);
    }
}
