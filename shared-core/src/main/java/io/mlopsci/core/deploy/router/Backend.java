package io.mlopsci.core.deploy.router;

import java.net.URI;

/** A model server the router sends requests to: its role, the version it serves, its base URL. */
public record Backend(Role role, String version, URI base) {

    /** Which side of the canary a backend is. */
    public enum Role {
        STABLE,
        CANARY;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
