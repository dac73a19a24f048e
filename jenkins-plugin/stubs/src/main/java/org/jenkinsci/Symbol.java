// Stub of jenkinsci/lib-symbol-annotation src/main/java/org/jenkinsci/Symbol.java — signatures as in the real source;
// bodies are test doubles (test-only, never shipped).
package org.jenkinsci;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Documented
public @interface Symbol {
    String[] value();
}
