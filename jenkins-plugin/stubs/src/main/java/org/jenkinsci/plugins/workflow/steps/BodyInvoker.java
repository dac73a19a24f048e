// Stub of jenkinsci/workflow-step-api-plugin@0773c3c
// src/main/java/org/jenkinsci/plugins/workflow/steps/BodyInvoker.java — signatures as in the real source; bodies are
// test doubles (test-only, never shipped).
package org.jenkinsci.plugins.workflow.steps;

/** (Members omitted: the plugin's steps take no body.) */
public abstract class BodyInvoker {}
