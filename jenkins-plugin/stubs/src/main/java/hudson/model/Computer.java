// Stub of jenkinsci/jenkins@jenkins-2.541.3 core/src/main/java/hudson/model/Computer.java — signatures as in the real
// source; bodies are test doubles (test-only, never shipped).
package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/** (The stub's node is whatever a subclass returns; the real one looks it up in Jenkins.) */
public abstract class Computer extends Actionable {
    @CheckForNull
    public Node getNode() {
        return null;
    }
}
