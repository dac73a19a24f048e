/** The package step: the model's OCI image with Jib, or a Dockerfile build. */
package io.mlopsci.core.packaging;
