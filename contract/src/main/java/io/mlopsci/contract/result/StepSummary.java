package io.mlopsci.contract.result;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One step's line in the summary that {@code mlops run} writes to {@code <out>/result.json}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StepSummary(String step, Verdict verdict, int exitCode, String summary, String result, Long durationMs) {}
