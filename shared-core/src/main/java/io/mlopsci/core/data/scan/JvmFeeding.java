package io.mlopsci.core.data.scan;

/**
 * An engine that feeds {@link JvmAggregate}s from its worker threads: a scalar function of the
 * engine's, called with a feed's token and its inputs, hands each chunk of rows to the feed
 * registered under that token; the scan's SQL counts the function's (always true) results.
 */
public interface JvmFeeding {

    /** The aggregate expression that feeds {@code token}'s feed its {@code inputs}. */
    String expression(long token, java.util.List<String> inputs);

    /** Registers {@code feed} under {@code token} until the returned handle is closed. */
    Registration register(long token, JvmFeed feed);

    /** Ends a registration. */
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
