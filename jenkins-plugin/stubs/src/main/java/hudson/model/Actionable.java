// Stub of jenkinsci/jenkins@jenkins-2.541.3 core/src/main/java/hudson/model/Actionable.java — signatures as in the real
// source; bodies are test doubles (test-only, never shipped).
package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.Nullable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

public abstract class Actionable {
    private final transient List<Action> actions = new CopyOnWriteArrayList<>();

    public List<Action> getActions() {
        return actions;
    }

    public final List<? extends Action> getAllActions() {
        return List.copyOf(actions);
    }

    public <T extends Action> List<T> getActions(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (Action a : actions) {
            if (type.isInstance(a)) {
                out.add(type.cast(a));
            }
        }
        return out;
    }

    public void addAction(@NonNull Action a) {
        actions.add(a);
    }

    public void replaceAction(@NonNull Action a) {
        addOrReplaceAction(a);
    }

    public boolean addOrReplaceAction(@NonNull Action a) {
        for (Action existing : actions) {
            if (existing.getClass() == a.getClass()) {
                actions.remove(existing);
            }
        }
        actions.add(a);
        return true;
    }

    public boolean removeAction(@Nullable Action a) {
        return actions.remove(a);
    }

    public boolean removeActions(@NonNull Class<? extends Action> clazz) {
        return actions.removeIf(clazz::isInstance);
    }

    public <T extends Action> T getAction(Class<T> type) {
        for (Action a : actions) {
            if (type.isInstance(a)) {
                return type.cast(a);
            }
        }
        return null;
    }
}
