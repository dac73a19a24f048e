package io.mlopsci.core.registry;

/** Tags the engine writes on model versions: package records the image, deploy-canary and rollback read it. */
public final class VersionTags {

    public static final String IMAGE = "mlops.image";
    public static final String DIGEST = "mlops.image.digest";
    public static final String IMAGE_ID = "mlops.image.id";
    public static final String PINNED = "mlops.image.pinned";
    public static final String FORMAT = "mlops.image.format";

    private VersionTags() {}
}
