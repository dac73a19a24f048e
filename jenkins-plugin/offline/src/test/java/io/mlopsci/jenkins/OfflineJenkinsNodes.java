package io.mlopsci.jenkins;

import hudson.FilePath;
import hudson.model.Node;

/** Test helper: agents of the offline harness. */
public final class OfflineJenkinsNodes {

    private OfflineJenkinsNodes() {}

    /** An agent whose root directory is {@code root} (where tool installations and caches go). */
    public static final class Agent extends Node {
        private final FilePath root;

        public Agent(FilePath root) {
            this.root = root;
        }

        @Override
        public String getNodeName() {
            return "agent";
        }

        @Override
        public FilePath getRootPath() {
            return root;
        }
    }
}
