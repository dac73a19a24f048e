/** What the engine prints for people on stderr, with secrets masked. */
package io.mlopsci.core.console;
