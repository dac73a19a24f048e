package io.mlopsci.action;

/** Entry point of the container action. */
public final class ActionMain {

    private ActionMain() {
    }

    public static void main(String[] args) {
        if (args.length == 1 && args[0].equals("--warm-up")) {
            // Run at image build time to record the classes a real run loads (class-data sharing).
            System.exit(WarmUp.run());
        }
        System.out.println("mlops-action " + io.mlopsci.core.step.EngineVersion.tool() + " starting");
        System.out.flush();
        int code = new Action(System.getenv(), System.out, EngineProcess.childJvm()).run();
        System.exit(code);
    }
}
