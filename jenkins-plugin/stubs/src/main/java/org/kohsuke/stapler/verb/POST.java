// Stub of jenkinsci/stapler core/src/main/java/org/kohsuke/stapler/verb/POST.java — signatures as in the real source;
// bodies are test doubles (test-only, never shipped).
package org.kohsuke.stapler.verb;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** ({@code @InterceptorAnnotation} omitted.) */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface POST {}
