// Stub of jenkinsci/jenkins@jenkins-2.541.3 core/src/main/java/hudson/model/queue/Tasks.java —
// signatures as in the real source; bodies are test doubles (test-only, never shipped).
package hudson.model.queue;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Queue;
import hudson.security.ACL;
import org.springframework.security.core.Authentication;

public class Tasks {
    private Tasks() {}

    /** The identity the task runs as (the real one asks QueueItemAuthenticators; the stub has none). */
    @NonNull
    public static Authentication getAuthenticationOf2(@NonNull Queue.Task t) {
        return ACL.SYSTEM2;
    }
}
