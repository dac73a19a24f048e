// Stub of jenkinsci/workflow-api-plugin@cbc88d9
// src/main/java/org/jenkinsci/plugins/workflow/actions/PersistentAction.java — signatures as in the real source; bodies
// are test doubles (test-only, never shipped).
package org.jenkinsci.plugins.workflow.actions;

import hudson.model.Action;

public interface PersistentAction extends Action {}
