/** The Jenkins Pipeline steps: parameters, the engine run on the agent, and the build page. */
package io.mlopsci.jenkins;
