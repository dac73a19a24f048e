package io.mlopsci.contract.result;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The model a step worked on: registered name, version (once registered) and tracking run. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelRef(String name, String version, String runId) {}
