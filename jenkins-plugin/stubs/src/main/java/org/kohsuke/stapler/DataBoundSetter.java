// Stub of jenkinsci/stapler core/src/main/java/org/kohsuke/stapler/DataBoundSetter.java — signatures as in the real
// source; bodies are test doubles (test-only, never shipped).
package org.kohsuke.stapler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.FIELD})
@Documented
public @interface DataBoundSetter {}
