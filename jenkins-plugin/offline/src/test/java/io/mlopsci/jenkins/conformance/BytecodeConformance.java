package io.mlopsci.jenkins.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Checks compiled plugin classes against the real Jenkins API: every Jenkins type they name exists;
 * every Jenkins member they call or read exists with the same erased parameter and return types and
 * the same static-ness, found through supertypes; and every method they override in a Jenkins
 * supertype (as the stubs have it) exists there in the real API too.
 */
final class BytecodeConformance {

    private final JenkinsApi api;
    private final ClassLoader classpath;
    private final Map<String, ClassInfo> plugin = new HashMap<>();
    private final Set<String> findings = new LinkedHashSet<>();
    private int checkedMembers;
    private int checkedTypes;

    /** What a plugin class declares. */
    record ClassInfo(String name, String superName, List<String> interfaces, Set<String> methods, Set<String> fields) {}

    BytecodeConformance(JenkinsApi api, ClassLoader classpath) {
        this.api = api;
        this.classpath = classpath;
    }

    /** Checks the classes (internal name to bytes); returns one line per reference that is not real. */
    List<String> check(Map<String, byte[]> classes) {
        for (Map.Entry<String, byte[]> e : classes.entrySet()) {
            plugin.put(e.getKey(), info(e.getValue()));
        }
        for (Map.Entry<String, byte[]> e : classes.entrySet()) {
            new ClassReader(e.getValue()).accept(new Collector(e.getKey()), ClassReader.SKIP_FRAMES);
        }
        return List.copyOf(findings);
    }

    int checkedMembers() {
        return checkedMembers;
    }

    int checkedTypes() {
        return checkedTypes;
    }

    private static ClassInfo info(byte[] bytes) {
        ClassReader r = new ClassReader(bytes);
        Set<String> methods = new HashSet<>();
        Set<String> fields = new HashSet<>();
        r.accept(
                new ClassVisitor(Opcodes.ASM9) {
                    @Override
                    public MethodVisitor visitMethod(int a, String n, String d, String s, String[] x) {
                        methods.add(n + d);
                        return null;
                    }

                    @Override
                    public FieldVisitor visitField(int a, String n, String d, String s, Object v) {
                        fields.add(n);
                        return null;
                    }
                },
                ClassReader.SKIP_CODE);
        return new ClassInfo(r.getClassName(), r.getSuperName(), List.of(r.getInterfaces()), methods, fields);
    }

    private static boolean isJenkins(String internalName) {
        return !Allowances.isLibrary(internalName);
    }

    private static String fqn(String internalName) {
        return internalName.replace('/', '.');
    }

    // ---- types

    private void type(String where, Type t) {
        switch (t.getSort()) {
            case Type.ARRAY -> type(where, t.getElementType());
            case Type.OBJECT -> typeName(where, t.getInternalName());
            case Type.METHOD -> {
                type(where, t.getReturnType());
                for (Type a : t.getArgumentTypes()) {
                    type(where, a);
                }
            }
            default -> {
                // primitives
            }
        }
    }

    private void typeName(String where, String internalName) {
        if (internalName.startsWith("[")) {
            type(where, Type.getType(internalName));
            return;
        }
        if (!isJenkins(internalName)) {
            return;
        }
        checkedTypes++;
        if (!api.hasType(fqn(internalName))) {
            findings.add(where + ": type " + fqn(internalName) + " does not exist in the real API");
        }
    }

    // ---- members

    /** A reference to {@code owner.name desc}; {@code isStatic} as the instruction says. */
    private void member(String where, String owner, String name, String desc, boolean isField, Boolean isStatic) {
        if (owner.startsWith("[")) {
            return; // array clone() and length
        }
        if (plugin.containsKey(owner)) {
            // Inherited from a Jenkins supertype when no plugin class on the way declares it.
            for (String c = owner;
                    c != null && plugin.containsKey(c);
                    c = plugin.get(c).superName()) {
                ClassInfo ci = plugin.get(c);
                if (isField ? ci.fields().contains(name) : ci.methods().contains(name + desc)) {
                    return;
                }
            }
            List<String> jenkinsSupers = jenkinsSupertypesOf(owner);
            if (jenkinsSupers.isEmpty()) {
                return; // a JDK or library member, compiled for real
            }
            for (String s : jenkinsSupers) {
                if (matches(s, name, desc, isField, isStatic)) {
                    checkedMembers++;
                    return;
                }
            }
            if (jdkHas(jenkinsSupers, name, desc, isField)) {
                return;
            }
            findings.add(where + ": " + describe(owner, name, desc, isField)
                    + " is inherited from "
                    + jenkinsSupers.stream().map(BytecodeConformance::fqn).toList()
                    + " in the stubs, but not in the real API");
            return;
        }
        if (!isJenkins(owner)) {
            return;
        }
        checkedMembers++;
        if (!api.hasType(fqn(owner))) {
            findings.add(where + ": " + describe(owner, name, desc, isField) + ": type " + fqn(owner)
                    + " does not exist in the real API");
            return;
        }
        if (!matches(owner, name, desc, isField, isStatic) && !jdkHas(List.of(owner), name, desc, isField)) {
            findings.add(where + ": " + describe(owner, name, desc, isField) + " does not exist in the real API"
                    + candidates(owner, name));
        }
    }

    private String candidates(String owner, String name) {
        List<String> found = api.lookup(fqn(owner), name, new HashSet<>()).stream()
                .map(m -> m.owner() + "#" + m.name()
                        + (m.isField()
                                ? ":" + m.returns()
                                : "(" + String.join(",", m.params()) + ")"
                                        + (m.returns() == null ? "" : ":" + m.returns()))
                        + (m.isStatic() ? " static" : ""))
                .toList();
        return found.isEmpty() ? "" : " (the real one: " + String.join("; ", found) + ")";
    }

    private static String describe(String owner, String name, String desc, boolean isField) {
        if (isField) {
            return fqn(owner) + "#" + name + ":" + simple(Type.getType(desc));
        }
        Type m = Type.getMethodType(desc);
        List<String> ps = new ArrayList<>();
        for (Type a : m.getArgumentTypes()) {
            ps.add(simple(a));
        }
        return fqn(owner) + "#" + name + "(" + String.join(",", ps) + ")"
                + (name.equals("<init>") ? "" : ":" + simple(m.getReturnType()));
    }

    /** The first non-plugin supertypes of a plugin class, if they are Jenkins types. */
    private List<String> jenkinsSupertypesOf(String pluginClass) {
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<String> todo = new ArrayList<>(List.of(pluginClass));
        while (!todo.isEmpty()) {
            String c = todo.remove(0);
            if (!seen.add(c)) {
                continue;
            }
            ClassInfo ci = plugin.get(c);
            if (ci == null) {
                if (isJenkins(c)) {
                    out.add(c);
                }
                continue;
            }
            if (ci.superName() != null) {
                todo.add(ci.superName());
            }
            todo.addAll(ci.interfaces());
        }
        return out;
    }

    /** Whether the real API has the member in {@code owner} or above it. */
    private boolean matches(String owner, String name, String desc, boolean isField, Boolean isStatic) {
        Set<String> jdk = new HashSet<>();
        for (JenkinsApi.Member m : api.lookup(fqn(owner), name, jdk)) {
            if (isStatic != null && m.isStatic() != isStatic && !(isField && m.returns() == null)) {
                continue;
            }
            if (isField) {
                if (m.isField() && (m.returns() == null || sameType(m.returns(), Type.getType(desc)))) {
                    return true;
                }
                continue;
            }
            if (m.isField()) {
                continue;
            }
            Type mt = Type.getMethodType(desc);
            if (!sameParams(m, mt.getArgumentTypes())) {
                continue;
            }
            if (name.equals("<init>") || m.returns() == null || sameType(m.returns(), mt.getReturnType())) {
                return true;
            }
        }
        if (!isField
                && name.equals("<init>")
                && Type.getMethodType(desc).getArgumentTypes().length == 0
                && !api.declaresConstructors(fqn(owner))) {
            return true; // the implicit default constructor
        }
        return false;
    }

    private static boolean sameParams(JenkinsApi.Member m, Type[] args) {
        List<String> ps = m.params();
        if (ps.size() != args.length) {
            return false;
        }
        for (int i = 0; i < args.length; i++) {
            String p =
                    ps.get(i).endsWith("...") ? ps.get(i).substring(0, ps.get(i).length() - 3) + "[]" : ps.get(i);
            if (!sameType(p, args[i])) {
                return false;
            }
        }
        return true;
    }

    /** A signature's simple type name against an erased descriptor type. */
    static boolean sameType(String sig, Type t) {
        String s = sig.trim();
        int dims = 0;
        while (s.endsWith("[]")) {
            s = s.substring(0, s.length() - 2);
            dims++;
        }
        if (isTypeVariable(s)) {
            // erased to its bound, whatever that is: any reference type (with at least as many dimensions)
            return dims == 0
                    ? t.getSort() == Type.OBJECT || t.getSort() == Type.ARRAY
                    : t.getSort() == Type.ARRAY && t.getDimensions() >= dims;
        }
        Type e = t.getSort() == Type.ARRAY ? t.getElementType() : t;
        int tDims = t.getSort() == Type.ARRAY ? t.getDimensions() : 0;
        return dims == tDims && s.equals(simple(e));
    }

    /** The signatures write type variables by name: T, C, S, JobT, RunT, ... (short names no class has). */
    static boolean isTypeVariable(String s) {
        return s.matches("[A-Z][A-Z0-9]?|[A-Z][a-z]+T");
    }

    static String simple(Type t) {
        if (t.getSort() == Type.ARRAY) {
            return simple(t.getElementType()) + "[]".repeat(t.getDimensions());
        }
        if (t.getSort() != Type.OBJECT) {
            return t.getClassName();
        }
        return JenkinsApi.simple(t.getClassName());
    }

    /** Object's members, and those of JDK supertypes the signatures name (by reflection). */
    private boolean jdkHas(List<String> owners, String name, String desc, boolean isField) {
        Set<String> jdk = new LinkedHashSet<>();
        for (String o : owners) {
            api.hierarchy(fqn(o), jdk);
        }
        jdk.add("Object");
        int arity = isField ? -1 : Type.getMethodType(desc).getArgumentTypes().length;
        for (String simpleName : jdk) {
            Class<?> c = JdkTypes.find(simpleName);
            if (c == null) {
                continue;
            }
            if (isField) {
                try {
                    return c.getField(name) != null;
                } catch (NoSuchFieldException e) {
                    continue;
                }
            }
            for (java.lang.reflect.Method m : c.getMethods()) {
                if (m.getName().equals(name)
                        && m.getParameterCount() == arity
                        && Type.getMethodDescriptor(m).equals(desc)) {
                    return true;
                }
            }
        }
        return false;
    }

    // ---- overrides

    /** A method declared in a plugin class that overrides one of a Jenkins supertype must exist there for real. */
    private void override(String where, String pluginClass, String name, String desc) {
        for (String s : jenkinsSupertypesOf(pluginClass)) {
            String declarer = stubDeclarer(s, name, desc, new HashSet<>());
            if (declarer == null) {
                continue;
            }
            checkedMembers++;
            if (!matches(s, name, desc, false, null) && !jdkHas(List.of(s), name, desc, false)) {
                findings.add(where + ": overrides " + describe(declarer, name, desc, false)
                        + " of the stubs, which the real API does not have" + candidates(s, name));
            }
            return;
        }
    }

    /** The stub type (at or above {@code type}) that declares the method, from the class path; null if none. */
    private String stubDeclarer(String type, String name, String desc, Set<String> seen) {
        if (!isJenkins(type) || !seen.add(type)) {
            return null;
        }
        byte[] bytes = classBytes(type);
        if (bytes == null) {
            return null;
        }
        ClassInfo ci = info(bytes);
        if (ci.methods().contains(name + desc)) {
            return type;
        }
        List<String> supers = new ArrayList<>(ci.interfaces());
        if (ci.superName() != null) {
            supers.add(0, ci.superName());
        }
        for (String s : supers) {
            String d = stubDeclarer(s, name, desc, seen);
            if (d != null) {
                return d;
            }
        }
        return null;
    }

    private byte[] classBytes(String internalName) {
        try (InputStream in = classpath.getResourceAsStream(internalName + ".class")) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            return null;
        }
    }

    // ---- the visitor

    private final class Collector extends ClassVisitor {
        private final String cls;

        Collector(String cls) {
            super(Opcodes.ASM9);
            this.cls = cls;
        }

        private String where() {
            return fqn(cls);
        }

        @Override
        public void visit(
                int version, int access, String name, String signature, String superName, String[] interfaces) {
            if (superName != null) {
                typeName(where() + " extends", superName);
            }
            for (String i : interfaces) {
                typeName(where() + " implements", i);
            }
        }

        @Override
        public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
            type(where() + " annotation", Type.getType(descriptor));
            return null;
        }

        @Override
        public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
            String w = where() + "." + name;
            type(w, Type.getType(descriptor));
            return new FieldVisitor(Opcodes.ASM9) {
                @Override
                public AnnotationVisitor visitAnnotation(String d, boolean visible) {
                    type(w + " annotation", Type.getType(d));
                    return null;
                }
            };
        }

        @Override
        public MethodVisitor visitMethod(
                int access, String name, String descriptor, String signature, String[] exceptions) {
            String w = where() + "." + name + descriptor;
            type(w, Type.getMethodType(descriptor));
            if (exceptions != null) {
                for (String x : exceptions) {
                    typeName(w + " throws", x);
                }
            }
            boolean overridable =
                    (access & (Opcodes.ACC_STATIC | Opcodes.ACC_PRIVATE | Opcodes.ACC_SYNTHETIC | Opcodes.ACC_BRIDGE))
                                    == 0
                            && !name.startsWith("<");
            if (overridable) {
                override(w, cls, name, descriptor);
            }
            return new MethodVisitor(Opcodes.ASM9) {
                @Override
                public AnnotationVisitor visitAnnotation(String d, boolean visible) {
                    type(w + " annotation", Type.getType(d));
                    return null;
                }

                @Override
                public AnnotationVisitor visitParameterAnnotation(int parameter, String d, boolean visible) {
                    type(w + " annotation", Type.getType(d));
                    return null;
                }

                @Override
                public void visitTypeInsn(int opcode, String type) {
                    typeName(w, type);
                }

                @Override
                public void visitFieldInsn(int opcode, String owner, String n, String d) {
                    typeName(w, owner);
                    type(w, Type.getType(d));
                    member(w, owner, n, d, true, opcode == Opcodes.GETSTATIC || opcode == Opcodes.PUTSTATIC);
                }

                @Override
                public void visitMethodInsn(int opcode, String owner, String n, String d, boolean itf) {
                    typeName(w, owner);
                    type(w, Type.getMethodType(d));
                    member(w, owner, n, d, false, opcode == Opcodes.INVOKESTATIC);
                }

                @Override
                public void visitInvokeDynamicInsn(String n, String d, Handle bsm, Object... args) {
                    for (Object a : args) {
                        if (a instanceof Handle h) {
                            typeName(w, h.getOwner());
                            boolean field = h.getTag() <= Opcodes.H_PUTSTATIC;
                            member(
                                    w,
                                    h.getOwner(),
                                    h.getName(),
                                    h.getDesc(),
                                    field,
                                    h.getTag() == Opcodes.H_INVOKESTATIC || h.getTag() == Opcodes.H_GETSTATIC);
                        } else if (a instanceof Type t) {
                            type(w, t);
                        }
                    }
                }

                @Override
                public void visitLdcInsn(Object value) {
                    if (value instanceof Type t) {
                        type(w, t);
                    }
                }

                @Override
                public void visitMultiANewArrayInsn(String d, int dims) {
                    type(w, Type.getType(d));
                }

                @Override
                public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
                    if (type != null) {
                        typeName(w + " catch", type);
                    }
                }
            };
        }
    }
}
