package io.mlopsci.core.config;

import io.mlopsci.contract.result.SourceLocation;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects configuration problems so that one run of {@code validate-config} reports all of them,
 * not only the first.
 */
public final class Problems {

    private final List<ConfigProblem> list = new ArrayList<>();

    public void add(SourceLocation at, String path, String message) {
        list.add(new ConfigProblem(at, path, message));
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    public List<ConfigProblem> list() {
        return List.copyOf(list);
    }

    /** Throws a {@link ConfigException} listing every problem, if there is any. */
    public void throwIfAny() {
        if (!list.isEmpty()) {
            throw new ConfigException(list);
        }
    }
}
