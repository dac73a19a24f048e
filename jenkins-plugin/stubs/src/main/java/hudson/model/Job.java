// Stub of jenkinsci/jenkins@jenkins-2.541.3 core/src/main/java/hudson/model/Job.java — signatures as in the real
// source; bodies are test doubles (test-only, never shipped).
package hudson.model;

import hudson.ExtensionPoint;

public abstract class Job<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends AbstractItem
        implements ExtensionPoint {
    protected Job(ItemGroup<?> parent, String name) {
        super(parent, name);
    }
}
