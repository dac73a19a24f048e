// Stub of jenkinsci/remoting src/main/java/org/jenkinsci/remoting/Role.java — signatures as in the real source; bodies
// are test doubles (test-only, never shipped).
package org.jenkinsci.remoting;

public final class Role {
    private final String name;

    public Role(String name) {
        this.name = name;
    }

    public String getName() {
        return name;
    }

    @Override
    public String toString() {
        return super.toString() + "[" + name + "]";
    }
}
