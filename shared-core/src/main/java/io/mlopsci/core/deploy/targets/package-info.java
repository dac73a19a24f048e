/** Where versions run and how traffic reaches them: local processes, Docker, Kubernetes, registry aliases. */
package io.mlopsci.core.deploy.targets;
