// Stub of jenkinsci/workflow-step-api-plugin@0773c3c
// src/main/java/org/jenkinsci/plugins/workflow/steps/StepDescriptor.java — signatures as in the real source; bodies are
// test doubles (test-only, never shipped).
package org.jenkinsci.plugins.workflow.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Descriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@link #newInstance(Map)} and {@link #defineArguments(Step)} follow structs' DescribableModel as
 * unit tests run it (strict: unknown parameters are an error): the {@code @DataBoundConstructor}
 * parameters by name, then {@code @DataBoundSetter}s; uninstantiation reads getters and leaves out
 * optional values equal to a freshly constructed step's.
 */
public abstract class StepDescriptor extends Descriptor<Step> {

    public abstract Set<? extends Class<?>> getRequiredContext();

    public Set<? extends Class<?>> getProvidedContext() {
        return Collections.emptySet();
    }

    public abstract String getFunctionName();

    public boolean takesImplicitBlockArgument() {
        return false;
    }

    public boolean isAdvanced() {
        return false;
    }

    public boolean isMetaStep() {
        return false;
    }

    @Deprecated
    public Step newInstance(Map<String, Object> arguments) throws Exception {
        Map<String, Object> rest = new LinkedHashMap<>(arguments);
        Constructor<?> ctor = dataBoundConstructor();
        Object[] args = new Object[ctor.getParameterCount()];
        Parameter[] params = ctor.getParameters();
        for (int i = 0; i < params.length; i++) {
            args[i] = coerce(params[i].getType(), rest.remove(params[i].getName()), params[i].getName());
        }
        Step step = (Step) ctor.newInstance(args);
        for (Map.Entry<String, Method> e : setters().entrySet()) {
            if (rest.containsKey(e.getKey())) {
                Method m = e.getValue();
                try {
                    m.invoke(step, coerce(m.getParameterTypes()[0], rest.remove(e.getKey()), e.getKey()));
                } catch (InvocationTargetException x) {
                    throw new IllegalArgumentException(
                            "Could not instantiate " + arguments + " for " + clazz.getName() + ": " + x.getCause(),
                            x.getCause());
                }
            }
        }
        if (!rest.isEmpty()) {
            throw new IllegalArgumentException("WARNING: Unknown parameter(s) found for class type '" + clazz.getName()
                    + "': " + String.join(",", rest.keySet()));
        }
        return step;
    }

    @Deprecated
    public Map<String, Object> defineArguments(Step step) throws UnsupportedOperationException {
        Map<String, Object> r = new TreeMap<>();
        Step control;
        try {
            control = newInstance(Map.of());
        } catch (Exception e) {
            control = null;
        }
        for (String name : properties()) {
            Object v = inspect(step, name);
            if (control != null && Objects.equals(v, inspect(control, name))) {
                continue;
            }
            r.put(name, v);
        }
        return r;
    }

    @CheckForNull
    public String argumentsToString(@NonNull Map<String, Object> namedArgs) {
        return null;
    }

    private Constructor<?> dataBoundConstructor() {
        for (Constructor<?> c : clazz.getConstructors()) {
            if (c.isAnnotationPresent(DataBoundConstructor.class)) {
                return c;
            }
        }
        throw new IllegalArgumentException(clazz + " has no @DataBoundConstructor");
    }

    private Map<String, Method> setters() {
        Map<String, Method> out = new TreeMap<>();
        for (Method m : clazz.getMethods()) {
            if (m.isAnnotationPresent(DataBoundSetter.class)) {
                if (m.getParameterCount() != 1
                        || !m.getName().startsWith("set")
                        || Modifier.isStatic(m.getModifiers())) {
                    throw new IllegalStateException(m + " cannot be a @DataBoundSetter");
                }
                String n = m.getName().substring(3);
                out.put(Character.toLowerCase(n.charAt(0)) + n.substring(1), m);
            }
        }
        return out;
    }

    private List<String> properties() {
        java.util.List<String> names = new java.util.ArrayList<>();
        for (Parameter p : dataBoundConstructor().getParameters()) {
            names.add(p.getName());
        }
        names.addAll(setters().keySet());
        return names;
    }

    private Object inspect(Step step, String name) {
        String cap = name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
        for (String getter : new String[] {"get" + cap, "is" + cap}) {
            try {
                return clazz.getMethod(getter).invoke(step);
            } catch (NoSuchMethodException e) {
                // try the next form
            } catch (ReflectiveOperationException e) {
                throw new UnsupportedOperationException(e);
            }
        }
        throw new UnsupportedOperationException("no public field ‘" + name + "’ (or getter method) found in " + clazz);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object coerce(Class<?> type, Object o, String context) {
        if (o == null) {
            return type == boolean.class ? Boolean.FALSE : null;
        }
        if (type.isEnum() && o instanceof String s) {
            return Enum.valueOf((Class) type, s);
        }
        if ((type == boolean.class || type == Boolean.class) && o instanceof Boolean) {
            return o;
        }
        if (type.isInstance(o)) {
            return o;
        }
        throw new ClassCastException(context + " expects " + type + " but received " + o.getClass());
    }
}
