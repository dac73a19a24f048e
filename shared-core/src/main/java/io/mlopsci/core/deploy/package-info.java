/** The deploy-canary step: the rollout step by step, its analysis and its report. */
package io.mlopsci.core.deploy;
