/** Drift of the current data against the reference: the plan, its SQL dialect, the statistics, the verdicts. */
package io.mlopsci.core.data.drift;
