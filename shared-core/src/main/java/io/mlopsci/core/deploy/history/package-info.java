/** The deployment journal and history: what was deployed where, written at every phase so a crash can be undone. */
package io.mlopsci.core.deploy.history;
