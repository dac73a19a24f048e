package io.mlopsci.action;

import java.util.Arrays;

/**
 * The engine's entry point inside the action's container: {@code --run-as=uid:gid:groups}, then
 * the CLI's arguments. It gives up root for that user before anything else happens — before the
 * configuration is read and long before the training command starts — and runs the engine's CLI
 * only when that worked (else exit 3: the pull request's code never runs as root).
 */
public final class EngineMain {

    static final String RUN_AS = "--run-as=";

    private EngineMain() {}

    public static void main(String[] args) {
        if (args.length == 0 || !args[0].startsWith(RUN_AS)) {
            System.err.println("mlops-action engine: expected " + RUN_AS + "uid:gid:groups first");
            System.exit(3);
        }
        try {
            Privileges.become(EngineUser.parse(args[0].substring(RUN_AS.length())));
        } catch (RuntimeException | LinkageError e) {
            System.err.println("mlops-action engine: cannot give up root (" + e.getMessage()
                    + "); not running the engine as root");
            System.exit(3);
        }
        io.mlopsci.core.cli.Main.main(Arrays.copyOfRange(args, 1, args.length));
    }
}
