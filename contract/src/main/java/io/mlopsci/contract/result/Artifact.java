package io.mlopsci.contract.result;

/**
 * A file a step produced or used. {@code path} is relative to the step's output directory when the
 * file lives there, absolute otherwise.
 */
public record Artifact(String name, String path, String mediaType) {}
