/** Where the engine runs: the CI context recorded in every result, completed from the .git directory. */
package io.mlopsci.core.ci;
