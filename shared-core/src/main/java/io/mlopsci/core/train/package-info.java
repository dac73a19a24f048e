/** The train step: the run cache, running or ingesting training, and recording the run. */
package io.mlopsci.core.train;
