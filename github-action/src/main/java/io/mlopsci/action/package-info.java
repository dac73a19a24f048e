/** The GitHub Action's adapter: inputs, the engine in its container, outputs, job summary and publishing. */
package io.mlopsci.action;
