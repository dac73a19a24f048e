// Stub of jenkinsci/jenkins@jenkins-2.541.3 core/src/main/java/hudson/Extension.java — signatures as in the real
// source; bodies are test doubles (test-only, never shipped).
package hudson;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** ({@code @Indexable} and {@code dynamicLoadable} omitted: the plugin does not use them.) */
@Retention(RUNTIME)
@Target({TYPE, FIELD, METHOD})
@Documented
public @interface Extension {
    double ordinal() default 0;

    @Deprecated
    boolean optional() default false;
}
