/** Undoing a deployment: the rollback step and the undo deploy-canary shares with it. */
package io.mlopsci.core.deploy.rollback;
