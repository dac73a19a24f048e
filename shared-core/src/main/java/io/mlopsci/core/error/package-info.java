/** The engine's errors: one exception hierarchy whose kind decides the exit code. */
package io.mlopsci.core.error;
