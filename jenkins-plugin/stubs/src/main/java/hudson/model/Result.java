// Stub of jenkinsci/jenkins@jenkins-2.541.3 core/src/main/java/hudson/model/Result.java — signatures as in the real
// source; bodies are test doubles (test-only, never shipped).
package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.Serializable;

/** (The {@code color} field is omitted: the plugin does not use BallColor.) */
public final class Result implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final @NonNull Result SUCCESS = new Result("SUCCESS", 0, true);
    public static final @NonNull Result UNSTABLE = new Result("UNSTABLE", 1, true);
    public static final @NonNull Result FAILURE = new Result("FAILURE", 2, true);
    public static final @NonNull Result NOT_BUILT = new Result("NOT_BUILT", 3, false);
    public static final @NonNull Result ABORTED = new Result("ABORTED", 4, false);

    private final String name;
    public final int ordinal;
    public final boolean completeBuild;

    private Result(String name, int ordinal, boolean complete) {
        this.name = name;
        this.ordinal = ordinal;
        this.completeBuild = complete;
    }

    public @NonNull Result combine(@NonNull Result that) {
        return this.ordinal < that.ordinal ? that : this;
    }

    public static Result combine(Result r1, Result r2) {
        return r1 == null ? r2 : r2 == null ? r1 : r1.combine(r2);
    }

    public boolean isWorseThan(@NonNull Result that) {
        return this.ordinal > that.ordinal;
    }

    public boolean isWorseOrEqualTo(@NonNull Result that) {
        return this.ordinal >= that.ordinal;
    }

    public boolean isBetterThan(@NonNull Result that) {
        return this.ordinal < that.ordinal;
    }

    public boolean isBetterOrEqualTo(@NonNull Result that) {
        return this.ordinal <= that.ordinal;
    }

    public boolean isCompleteBuild() {
        return completeBuild;
    }

    @Override
    public @NonNull String toString() {
        return name;
    }

    public static @NonNull Result fromString(@NonNull String s) {
        for (Result r : new Result[] {SUCCESS, UNSTABLE, FAILURE, NOT_BUILT, ABORTED}) {
            if (s.equalsIgnoreCase(r.name)) {
                return r;
            }
        }
        return FAILURE;
    }

    private Object readResolve() {
        return fromString(name);
    }
}
