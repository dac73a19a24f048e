/** Tracking and model registry: the interface, its records and the embedded local registry. */
package io.mlopsci.core.registry;
