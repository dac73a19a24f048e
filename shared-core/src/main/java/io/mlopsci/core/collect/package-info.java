/** Primitive collections the hot loops fill without boxing. */
package io.mlopsci.core.collect;
