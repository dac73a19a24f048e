package io.mlopsci.contract.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.mlopsci.contract.ErrorKind;

/** Why a step could not complete; the exit code follows from {@code kind}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorInfo(ErrorKind kind, String message, SourceLocation location) {}
