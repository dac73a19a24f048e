/** Canary analysis: measurements from the router or Prometheus judged against the configured conditions. */
package io.mlopsci.core.deploy.analysis;
