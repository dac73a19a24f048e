// Stub of jenkinsci/jenkins@jenkins-2.541.3 core/src/main/java/hudson/util/FormValidation.java — signatures as in the
// real source; bodies are test doubles (test-only, never shipped).
package hudson.util;

import java.io.IOException;

/** ({@code HttpResponse} and rendering omitted.) */
public abstract class FormValidation extends IOException {
    private static final long serialVersionUID = 1L;

    public enum Kind {
        OK,
        WARNING,
        ERROR
    }

    public final Kind kind;

    private FormValidation(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public static FormValidation ok() {
        return respond(Kind.OK, null);
    }

    public static FormValidation ok(String message) {
        return respond(Kind.OK, message);
    }

    public static FormValidation warning(String message) {
        return respond(Kind.WARNING, message);
    }

    public static FormValidation error(String message) {
        return respond(Kind.ERROR, message);
    }

    public abstract String renderHtml();

    private static FormValidation respond(Kind kind, String message) {
        return new FormValidation(kind, message) {
            private static final long serialVersionUID = 1L;

            @Override
            public String renderHtml() {
                return message == null ? "" : message;
            }
        };
    }
}
