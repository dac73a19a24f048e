package io.mlopsci.core.config;

import io.mlopsci.core.result.SourceLocation;

/** The {@code deploy} section, as written; the deploy-canary step binds it. */
public record DeployConfig(YNode raw, SourceLocation location) {
}
