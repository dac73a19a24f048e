// Stub of jenkinsci/jenkins@jenkins-2.541.3 core/src/main/java/hudson/ExtensionList.java — signatures as in the real
// source; bodies are test doubles (test-only, never shipped).
package hudson;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.lang.reflect.Constructor;
import java.util.AbstractList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for Jenkins' extension registry: one list per type, filled by tests through the real
 * (deprecated but public) {@link #add(Object)}; a type annotated {@code @Extension} is instantiated on
 * first lookup, as Jenkins' discovery would.
 */
public class ExtensionList<T> extends AbstractList<T> {

    private static final Map<Class<?>, ExtensionList<?>> LISTS = new ConcurrentHashMap<>();

    public final Class<T> extensionType;
    private final List<T> items = new CopyOnWriteArrayList<>();

    protected ExtensionList(Class<T> extensionType) {
        this.extensionType = extensionType;
    }

    @SuppressWarnings("unchecked")
    public static @NonNull <T> ExtensionList<T> lookup(Class<T> type) {
        return (ExtensionList<T>) LISTS.computeIfAbsent(type, t -> {
            ExtensionList<T> list = new ExtensionList<>(type);
            if (type.isAnnotationPresent(Extension.class)
                    && !java.lang.reflect.Modifier.isAbstract(type.getModifiers())) {
                try {
                    Constructor<T> c = type.getDeclaredConstructor();
                    c.setAccessible(true);
                    list.items.add(c.newInstance());
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot instantiate extension " + type, e);
                }
            }
            return list;
        });
    }

    public static @NonNull <U> U lookupSingleton(Class<U> type) {
        ExtensionList<U> all = lookup(type);
        if (all.size() != 1) {
            throw new IllegalStateException("Expected 1 instance of " + type.getName() + " but got " + all.size());
        }
        return all.get(0);
    }

    public <U extends T> U get(@NonNull Class<U> type) {
        for (T ext : items) {
            if (type.isInstance(ext)) {
                return type.cast(ext);
            }
        }
        return null;
    }

    @Override
    public T get(int index) {
        return items.get(index);
    }

    @Override
    public int size() {
        return items.size();
    }

    @Override
    @Deprecated
    public boolean add(T t) {
        return items.add(t);
    }

    @Override
    public synchronized boolean remove(Object o) {
        return items.remove(o);
    }

    @Override
    public final synchronized T remove(int index) {
        return items.remove(index);
    }
}
