package io.mlopsci.core.data.scan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The JVM aggregates of one scan, fed by an engine's worker threads ({@link JvmFeeding}): each
 * chunk's inputs are read once, their non-null values compacted into a buffer, and every aggregate
 * of that input adds the buffer. A thread takes a worker (buffers and one state per aggregate) for
 * the length of a chunk and gives it back, so that threads never share one and no more workers
 * exist than threads fed at once, however the engine attaches its threads to the JVM.
 */
public final class JvmFeed {

    private final List<String> inputs;
    private final List<JvmAggregate> aggregates;
    /** For each aggregate, the position of its input in {@link #inputs}. */
    private final int[] inputOf;

    /**
     * The workers not feeding a chunk: after the scan, all of them. Taking them from this queue also
     * makes what their threads wrote before putting them back visible to the thread that merges.
     */
    private final ConcurrentLinkedQueue<Worker> idle = new ConcurrentLinkedQueue<>();

    JvmFeed(List<JvmAggregate> aggregates) {
        this.aggregates = List.copyOf(aggregates);
        Map<String, Integer> byInput = new LinkedHashMap<>();
        inputOf = new int[this.aggregates.size()];
        for (int i = 0; i < inputOf.length; i++) {
            inputOf[i] = byInput.computeIfAbsent(this.aggregates.get(i).input(), k -> byInput.size());
        }
        inputs = List.copyOf(byInput.keySet());
    }

    /** The SQL expressions the engine hands over, in this order. */
    public List<String> inputs() {
        return inputs;
    }

    /** One chunk of rows as the engine hands it over: the values of every input, in {@link #inputs}' order. */
    public interface Chunk {

        int rows();

        /** Copies input {@code input}'s non-null values into {@code into}; returns how many. */
        int nonNull(int input, double[] into);
    }

    /** Adds one chunk; safe to call from many threads at once. */
    public void accept(Chunk chunk) {
        Worker w = idle.poll();
        if (w == null) {
            w = new Worker();
        }
        try {
            w.accept(chunk);
        } finally {
            idle.add(w);
        }
    }

    /**
     * Every aggregate's value, in the order given, once the scan has fed its last chunk: merged and
     * finished on the common pool's threads (one aggregate each), since some finish by sorting.
     */
    List<Object> results() {
        List<Worker> workers = List.copyOf(idle);
        return java.util.stream.IntStream.range(0, aggregates.size())
                .parallel()
                .mapToObj(a -> {
                    JvmAggregate.State merged = aggregates.get(a).newState();
                    for (Worker w : workers) {
                        merged.merge(w.states[a]);
                    }
                    return merged.result();
                })
                .toList();
    }

    private final class Worker {
        private final JvmAggregate.State[] states = new JvmAggregate.State[aggregates.size()];
        private final double[][] buffers = new double[inputs.size()][];
        private final int[] sizes = new int[inputs.size()];

        Worker() {
            for (int a = 0; a < states.length; a++) {
                states[a] = aggregates.get(a).newState();
            }
        }

        void accept(Chunk chunk) {
            int rows = chunk.rows();
            for (int i = 0; i < buffers.length; i++) {
                if (buffers[i] == null || buffers[i].length < rows) {
                    buffers[i] = new double[rows];
                }
                sizes[i] = chunk.nonNull(i, buffers[i]);
            }
            for (int a = 0; a < states.length; a++) {
                states[a].accept(buffers[inputOf[a]], sizes[inputOf[a]]);
            }
        }
    }
}
