// Stub of jenkinsci/jenkins@jenkins-2.541.3 core/src/main/java/hudson/model/Descriptor.java — signatures as in the real
// source; bodies are test doubles (test-only, never shipped).
package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.Nullable;
import net.sf.json.JSONObject;
import org.kohsuke.stapler.StaplerRequest2;

/** ({@code Loadable, Saveable, OnMaster} omitted; load/save keep nothing: the stub has no JENKINS_HOME.) */
public abstract class Descriptor<T extends Describable<T>> {
    public final transient Class<? extends T> clazz;

    @SuppressWarnings({"rawtypes", "unchecked"})
    protected Descriptor(Class<? extends T> clazz) {
        if (clazz == self()) {
            clazz = (Class) getClass();
        }
        this.clazz = clazz;
    }

    @SuppressWarnings("rawtypes")
    protected static Class self() {
        return Self.class;
    }

    private static final class Self {}

    @SuppressWarnings("unchecked")
    protected Descriptor() {
        this.clazz = (Class<T>) getClass().getEnclosingClass();
        if (clazz == null) {
            throw new AssertionError(getClass()
                    + " doesn't have an outer class. Use the constructor that takes the Class object explicitly.");
        }
    }

    @NonNull
    public String getDisplayName() {
        return clazz.getSimpleName();
    }

    public String getId() {
        return clazz.getName();
    }

    @SuppressWarnings("unchecked")
    public T newInstance(@Nullable StaplerRequest2 req, @NonNull JSONObject formData) throws FormException {
        if (req == null) {
            throw new UnsupportedOperationException("the stub binds forms only through a StaplerRequest2");
        }
        return (T) req.bindJSON(clazz, formData);
    }

    public synchronized void save() {}

    public synchronized void load() {}

    public static final class FormException extends Exception {
        private static final long serialVersionUID = 1L;
        private final String formField;

        public FormException(String message, String formField) {
            super(message);
            this.formField = formField;
        }

        public FormException(String message, Throwable cause, String formField) {
            super(message, cause);
            this.formField = formField;
        }

        public FormException(Throwable cause, String formField) {
            super(cause);
            this.formField = formField;
        }

        public String getFormField() {
            return formField;
        }
    }
}
