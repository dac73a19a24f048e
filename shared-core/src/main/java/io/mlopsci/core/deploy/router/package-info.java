/** The engine's weighted router: traffic split, shadow comparison, counters and smoke traffic. */
package io.mlopsci.core.deploy.router;
