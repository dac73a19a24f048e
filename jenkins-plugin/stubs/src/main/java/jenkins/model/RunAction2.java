// Stub of jenkinsci/jenkins@jenkins-2.541.3 core/src/main/java/jenkins/model/RunAction2.java — signatures as in the
// real source; bodies are test doubles (test-only, never shipped).
package jenkins.model;

import hudson.model.Action;
import hudson.model.Run;

public interface RunAction2 extends Action {
    void onAttached(Run<?, ?> r);

    void onLoad(Run<?, ?> r);
}
