/** Files written atomically, hashes, and the engine's JSON settings. */
package io.mlopsci.core.io;
