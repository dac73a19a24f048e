/** The registry on an MLflow server: REST calls, artifacts, credentials and TLS. */
package io.mlopsci.core.registry.mlflow;
