// Stub of jenkinsci/jenkins@jenkins-2.541.3 core/src/main/java/hudson/util/ListBoxModel.java — signatures as in the
// real source; bodies are test doubles (test-only, never shipped).
package hudson.util;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.ArrayList;

public class ListBoxModel extends ArrayList<ListBoxModel.Option> {
    private static final long serialVersionUID = 1L;

    public static final class Option {
        public String name;
        public String value;
        public boolean selected;

        public Option(@NonNull String name, @NonNull String value) {
            this(name, value, false);
        }

        public Option(@NonNull String name) {
            this(name, name, false);
        }

        public Option(@NonNull String name, @NonNull String value, boolean selected) {
            this.name = name;
            this.value = value;
            this.selected = selected;
        }
    }

    public ListBoxModel() {}

    public void add(@NonNull String displayName, @NonNull String value) {
        add(new Option(displayName, value));
    }

    public ListBoxModel add(@NonNull String nameAndValue) {
        add(nameAndValue, nameAndValue);
        return this;
    }
}
