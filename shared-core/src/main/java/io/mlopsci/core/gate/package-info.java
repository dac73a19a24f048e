/** The evaluate-gate step: criteria against bounds and the champion, registration and promotion. */
package io.mlopsci.core.gate;
