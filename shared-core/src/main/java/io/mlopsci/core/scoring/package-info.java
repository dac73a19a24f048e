/** Scoring predictions: reading them, computing metrics as scikit-learn does, the paired bootstrap. */
package io.mlopsci.core.scoring;
