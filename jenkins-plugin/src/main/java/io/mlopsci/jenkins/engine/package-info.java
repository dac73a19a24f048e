/** The engine on a Jenkins agent: shipping the jar, the CLI call, masking its output, publishing. */
package io.mlopsci.jenkins.engine;
