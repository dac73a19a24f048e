package io.mlopsci.contract.result;

/** A confidence interval of a delta, e.g. from a paired bootstrap. */
public record Interval(double low, double high, double level, int resamples, String method) {}
