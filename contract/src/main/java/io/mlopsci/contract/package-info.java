/** What the engine promises its front ends: the steps and their switches, exit codes and error kinds, the output layout. */
package io.mlopsci.contract;
