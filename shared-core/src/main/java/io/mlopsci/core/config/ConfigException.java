package io.mlopsci.core.config;

import io.mlopsci.contract.ErrorKind;
import io.mlopsci.core.error.MlopsException;
import java.util.List;
import java.util.stream.Collectors;

/** A configuration file has one or more problems; the message lists each with file:line:column. */
public final class ConfigException extends MlopsException {

    private static final long serialVersionUID = 1L;

    private final transient List<ConfigProblem> problems;

    public ConfigException(List<ConfigProblem> problems) {
        super(
                ErrorKind.CONFIG,
                format(problems),
                problems.isEmpty() ? null : problems.get(0).location(),
                null);
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String format(List<ConfigProblem> problems) {
        if (problems.size() == 1) {
            return problems.get(0).toString();
        }
        return problems.size() + " problems in the configuration:\n"
                + problems.stream().map(p -> "  - " + p).collect(Collectors.joining("\n"));
    }
}
