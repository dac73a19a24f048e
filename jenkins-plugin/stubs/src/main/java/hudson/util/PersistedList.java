// Stub of jenkinsci/jenkins@jenkins-2.541.3 core/src/main/java/hudson/util/PersistedList.java —
// signatures as in the real source; bodies are test doubles (test-only, never shipped).
package hudson.util;

import java.util.AbstractList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

public class PersistedList<T> extends AbstractList<T> {
    protected final CopyOnWriteArrayList<T> data = new CopyOnWriteArrayList<>();

    public PersistedList() {}

    public PersistedList(java.util.Collection<? extends T> initialList) {
        data.addAll(initialList);
    }

    @Override
    public T get(int index) {
        return data.get(index);
    }

    @Override
    public int size() {
        return data.size();
    }

    @Override
    public boolean add(T item) {
        return data.add(item);
    }

    public List<T> toList() {
        return List.copyOf(data);
    }
}
