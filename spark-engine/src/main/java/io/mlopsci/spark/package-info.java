/** The Spark Connect data engine: connection, sources as Spark relations, errors, cancellation. */
package io.mlopsci.spark;
