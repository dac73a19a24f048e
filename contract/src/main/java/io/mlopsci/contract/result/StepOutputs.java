package io.mlopsci.contract.result;

/**
 * A step's {@code outputs} in result.json, typed: one record per step ({@link ValidateDataOutputs},
 * {@link TrainOutputs}, {@link GateOutputs}, {@link PackageOutputs}, {@link DeployCanaryOutputs},
 * {@link RollbackOutputs}, {@link MonitorOutputs}). A record's components are the keys; null components are left out. Later
 * steps and front ends read them with {@link StepResult#outputs(Class)}.
 */
public interface StepOutputs {}
