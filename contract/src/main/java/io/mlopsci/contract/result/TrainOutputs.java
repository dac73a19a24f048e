package io.mlopsci.contract.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * The run train recorded (or reused from the run cache); evaluate-gate evaluates {@code runId}.
 *
 * @param runId           the run in the registry
 * @param cacheHit        whether the run was reused
 * @param cacheKey        the run cache key (null when the cache is off)
 * @param metrics         the metrics the training reported
 * @param metricsFile     where they were read from, relative to the workdir
 * @param predictionsFile the predictions file, when configured
 * @param predictionRows  its rows
 * @param outputDir       the training's output directory
 * @param trainingMs      how long training took (of the reused run, on a cache hit)
 * @param invocationRunId the run that records this invocation: {@code runId} when it trained (or
 *                        ingested), a run of its own that points to {@code runId} on a cache hit
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrainOutputs(
        String runId,
        Boolean cacheHit,
        String cacheKey,
        Map<String, Double> metrics,
        String metricsFile,
        String predictionsFile,
        Integer predictionRows,
        String outputDir,
        Long trainingMs,
        String invocationRunId)
        implements StepOutputs {}
