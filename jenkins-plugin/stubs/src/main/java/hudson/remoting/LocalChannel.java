// Stub of jenkinsci/remoting src/main/java/hudson/remoting/LocalChannel.java — signatures as in the real source; bodies
// are test doubles (test-only, never shipped).
package hudson.remoting;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/** Runs callables in this JVM, after a serialization round trip as a remote channel would make. */
public class LocalChannel implements VirtualChannel {

    @Override
    public <V, T extends Throwable> V call(Callable<V, T> callable) throws T {
        return Remoting.roundTrip(callable).call();
    }

    @Override
    public <V, T extends Throwable> Future<V> callAsync(Callable<V, T> callable) {
        CompletableFuture<V> f = new CompletableFuture<>();
        try {
            f.complete(call(callable));
        } catch (Throwable t) {
            f.completeExceptionally(t);
        }
        return f;
    }

    @Override
    public void close() {}

    @Override
    public void join() {}

    @Override
    public void join(long timeout) {}

    @Override
    public <T> T export(Class<T> type, T instance) {
        return instance;
    }

    @Override
    public void syncLocalIO() {}

    /** Stub helper: Java-serializes an object and reads it back, failing like remoting would on what cannot cross. */
    public static final class Remoting {
        private Remoting() {}

        @SuppressWarnings("unchecked")
        public static <X> X roundTrip(X o) {
            try {
                java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
                try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
                    out.writeObject(o);
                }
                try (java.io.ObjectInputStream in =
                        new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
                    return (X) in.readObject();
                }
            } catch (IOException | ClassNotFoundException e) {
                throw new IllegalStateException("cannot send " + o + " over a remoting channel: " + e, e);
            }
        }
    }
}
