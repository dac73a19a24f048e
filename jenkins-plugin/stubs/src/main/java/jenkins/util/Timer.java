// Stub of jenkinsci/jenkins@jenkins-2.541.3 core/src/main/java/jenkins/util/Timer.java —
// signatures as in the real source; bodies are test doubles (test-only, never shipped).
package jenkins.util;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** Jenkins' shared scheduler for short periodic tasks. */
public class Timer {
    private static ScheduledExecutorService executorService;

    /** As the real one: created on first use, again after {@link #shutdown()}. */
    @NonNull
    public static synchronized ScheduledExecutorService get() {
        if (executorService == null) {
            executorService = Executors.newScheduledThreadPool(2, r -> {
                Thread t = new Thread(r, "jenkins.util.Timer");
                t.setDaemon(true);
                return t;
            });
        }
        return executorService;
    }

    /** As the real one (Jenkins calls it when it stops): scheduled tasks never run. */
    public static synchronized void shutdown() {
        if (executorService != null) {
            executorService.shutdownNow();
            try {
                executorService.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            executorService = null;
        }
    }
}
