package io.mlopsci.contract.result;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Why a step could not complete. {@code kind} is {@code usage}, {@code config}, {@code input},
 * {@code infrastructure} or {@code internal}; the exit code follows from it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorInfo(String kind, String message, SourceLocation location) {}
