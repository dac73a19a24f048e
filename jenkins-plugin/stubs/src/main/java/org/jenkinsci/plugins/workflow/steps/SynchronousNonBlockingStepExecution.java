// Stub of jenkinsci/workflow-step-api-plugin@0773c3c
// src/main/java/org/jenkinsci/plugins/workflow/steps/SynchronousNonBlockingStepExecution.java — signatures as in the
// real source; bodies are test doubles (test-only, never shipped).
package org.jenkinsci.plugins.workflow.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** As the real one: run() on a pool thread, then onSuccess/onFailure; start() returns false. */
public abstract class SynchronousNonBlockingStepExecution<T> extends StepExecution {
    private static final long serialVersionUID = 1L;

    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution");
        t.setDaemon(true);
        return t;
    });

    private transient volatile Future<?> task;
    private transient String threadName;
    private transient volatile Throwable stopCause;

    protected SynchronousNonBlockingStepExecution(@NonNull StepContext context) {
        super(context);
    }

    protected abstract T run() throws Exception;

    @Override
    public final boolean start() throws Exception {
        task = POOL.submit(() -> {
            threadName = Thread.currentThread().getName();
            try {
                T ret = run();
                getContext().onSuccess(ret);
            } catch (Throwable x) {
                if (stopCause == null) {
                    getContext().onFailure(x);
                } else {
                    stopCause.addSuppressed(x);
                }
            }
        });
        return false;
    }

    @Override
    public void stop(Throwable cause) throws Exception {
        if (task != null) {
            stopCause = cause;
            task.cancel(true);
        }
        super.stop(cause);
    }

    @Override
    public void onResume() {
        getContext().onFailure(new IllegalStateException("SynchronousResumeNotSupportedException"));
    }

    @Override
    public @NonNull String getStatus() {
        return threadName != null ? "running in thread: " + threadName : "not yet scheduled";
    }

    @Override
    public boolean blocksRestart() {
        return threadName != null;
    }
}
