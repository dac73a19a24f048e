/** Which metrics the engine knows (direction, task) and the metrics file training writes. */
package io.mlopsci.core.metrics;
