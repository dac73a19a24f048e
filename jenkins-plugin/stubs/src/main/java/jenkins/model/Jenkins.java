// Stub of jenkinsci/jenkins@jenkins-2.541.3 core/src/main/java/jenkins/model/Jenkins.java — signatures as in the real
// source; bodies are test doubles (test-only, never shipped).
package jenkins.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.model.ItemGroup;
import hudson.security.ACL;
import hudson.security.AccessControlled;
import hudson.security.Permission;

/** One instance per JVM; descriptors are found as {@code @Extension} nested classes, as Jenkins discovers them. */
public class Jenkins implements ItemGroup<Item>, AccessControlled {
    public static final Permission ADMINISTER = new Permission("Hudson.Administer");

    private static final Jenkins INSTANCE = new Jenkins();

    protected Jenkins() {}

    @NonNull
    public static Jenkins get() throws IllegalStateException {
        return INSTANCE;
    }

    @CheckForNull
    public static Jenkins getInstanceOrNull() {
        return INSTANCE;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    public Descriptor getDescriptorOrDie(Class<? extends Describable> type) {
        for (Descriptor d : ExtensionList.lookup(Descriptor.class)) {
            if (d.clazz == type) {
                return d;
            }
        }
        for (Class<?> nested : type.getDeclaredClasses()) {
            if (Descriptor.class.isAssignableFrom(nested) && nested.isAnnotationPresent(Extension.class)) {
                try {
                    java.lang.reflect.Constructor<?> c = nested.getDeclaredConstructor();
                    c.setAccessible(true);
                    Descriptor d = (Descriptor) c.newInstance();
                    ExtensionList.lookup(Descriptor.class).add(d);
                    return d;
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new AssertionError(type + " is missing its descriptor");
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    public <T extends Descriptor> T getDescriptorByType(Class<T> type) {
        for (Descriptor d : ExtensionList.lookup(Descriptor.class)) {
            if (d.getClass() == type) {
                return (T) d;
            }
        }
        if (type.isAnnotationPresent(Extension.class)) {
            try {
                java.lang.reflect.Constructor<T> c = type.getDeclaredConstructor();
                c.setAccessible(true);
                T d = c.newInstance();
                ExtensionList.lookup(Descriptor.class).add(d);
                return d;
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return null;
    }

    @Override
    public String getFullName() {
        return "";
    }

    @Override
    public String getDisplayName() {
        return "Jenkins";
    }

    @NonNull
    @Override
    public ACL getACL() {
        return ACL.grantAll();
    }
}
