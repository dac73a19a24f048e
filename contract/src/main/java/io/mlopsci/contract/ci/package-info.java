/** The CI systems' variables (GitHub Actions, Jenkins), read once by one set of rules for the engine and the plugin. */
package io.mlopsci.contract.ci;
