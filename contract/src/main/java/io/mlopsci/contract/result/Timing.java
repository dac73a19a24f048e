package io.mlopsci.contract.result;

/** Wall time spent in one phase of a step. */
public record Timing(String phase, long millis) {}
