/** The kernel every step runs in: the Step interface and definition, its context, and the runner that writes results. */
package io.mlopsci.core.step;
