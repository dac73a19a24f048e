/** Running the user's commands (training, re-scoring): as a local process tree or in a Docker container. */
package io.mlopsci.core.command;
