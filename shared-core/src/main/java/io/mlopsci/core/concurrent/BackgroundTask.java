package io.mlopsci.core.concurrent;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * A computation started on a daemon thread of its own, whose result the starting thread takes
 * later: work that overlaps the step's own on the other processor. The thread is a daemon because a
 * run that ends early (an error on its own thread) must not wait for work it no longer needs. What
 * the computation threw is thrown where its result is taken, as it was thrown.
 *
 * @param <T> the result
 */
public final class BackgroundTask<T> {

    private final FutureTask<T> task;

    private BackgroundTask(FutureTask<T> task) {
        this.task = task;
    }

    /** Starts {@code work} on a daemon thread named {@code threadName}. */
    public static <T> BackgroundTask<T> start(String threadName, Callable<T> work) {
        FutureTask<T> task = new FutureTask<>(work);
        Thread thread = new Thread(task, threadName);
        thread.setDaemon(true);
        thread.start();
        return new BackgroundTask<>(task);
    }

    /**
     * The result, once the work has ended.
     *
     * @throws InterruptedException when this thread is interrupted while it waits
     */
    public T take() throws InterruptedException {
        try {
            return task.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    /**
     * The result, once the work has ended, waiting through interrupts: an interrupt is kept, for this
     * thread to see once the result is taken.
     */
    public T join() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return take();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
