// Stub of jenkinsci/jenkins@jenkins-2.541.3 core/src/main/java/hudson/util/DescribableList.java —
// signatures as in the real source; bodies are test doubles (test-only, never shipped).
package hudson.util;

import hudson.model.Describable;
import hudson.model.Descriptor;

public class DescribableList<T extends Describable<T>, D extends Descriptor<T>> extends PersistedList<T> {
    public DescribableList() {}

    public DescribableList(java.util.Collection<? extends T> initialList) {
        super(initialList);
    }

    public <U extends T> U get(Class<U> type) {
        for (T t : data) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
