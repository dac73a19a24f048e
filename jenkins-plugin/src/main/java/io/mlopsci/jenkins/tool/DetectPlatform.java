package io.mlopsci.jenkins.tool;

import hudson.remoting.VirtualChannel;
import java.io.File;
import jenkins.agents.ControllerToAgentFileCallable;

/** Runs on the agent: its JVM's {@code os.name} and {@code os.arch}, as {@code "name\narch"}. */
record DetectPlatform() implements ControllerToAgentFileCallable<String> {

    private static final long serialVersionUID = 1L;

    @Override
    public String invoke(File f, VirtualChannel channel) {
        return System.getProperty("os.name") + "\n" + System.getProperty("os.arch");
    }
}
