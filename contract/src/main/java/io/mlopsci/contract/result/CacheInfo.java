package io.mlopsci.contract.result;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The run cache's decision for a train step: the content key, whether it hit, and the run reused.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CacheInfo(String key, boolean hit, String runId, String reason) {}
