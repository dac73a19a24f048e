package io.mlopsci.contract.result;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A place in a file, 1-based line and column; used to point reviewers at the mlops.yaml line of a rule. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SourceLocation(String file, Integer line, Integer column) {

    @Override
    public String toString() {
        if (line == null) {
            return file;
        }
        return file + ":" + line + (column == null ? "" : ":" + column);
    }
}
