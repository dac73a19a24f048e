package io.mlopsci.core.publish;

/**
 * A check-run annotation: a line of a file in the repository (repository-relative path).
 *
 * @param level {@code failure}, {@code warning} or {@code notice}
 */
public record CheckAnnotation(String path, int startLine, int endLine, String level, String title, String message) {}
