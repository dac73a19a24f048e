/** The step catalog (every step, in order) and mlops run over it. */
package io.mlopsci.core.pipeline;
