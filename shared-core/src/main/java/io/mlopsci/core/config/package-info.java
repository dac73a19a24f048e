/** mlops.yaml: the model, its sections, the loader and every problem with file:line:column. */
package io.mlopsci.core.config;
