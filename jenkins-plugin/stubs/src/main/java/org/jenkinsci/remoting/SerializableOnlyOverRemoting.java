// Stub of jenkinsci/remoting src/main/java/org/jenkinsci/remoting/SerializableOnlyOverRemoting.java — signatures as in
// the real source; bodies are test doubles (test-only, never shipped).
package org.jenkinsci.remoting;

import java.io.Serializable;

public interface SerializableOnlyOverRemoting extends Serializable {}
