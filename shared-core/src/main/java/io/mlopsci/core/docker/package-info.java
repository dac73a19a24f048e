/** Connecting to a Docker engine and mapping paths for sibling containers. */
package io.mlopsci.core.docker;
