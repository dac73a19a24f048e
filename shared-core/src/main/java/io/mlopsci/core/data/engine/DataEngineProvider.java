package io.mlopsci.core.data.engine;

/**
 * A data engine that an add-on jar provides for {@code data.engine: <name>} (e.g. the Spark add-on,
 * {@code mlops-spark.jar}). Found through {@link java.util.ServiceLoader} only when the
 * configuration names it ({@link DataEngines}), so the default CLI never loads an add-on's classes.
 */
public interface DataEngineProvider {

    /** The value of {@code data.engine} this provider serves, e.g. {@code spark}. */
    String name();

    /**
     * Connects to the engine. Fails with an {@link io.mlopsci.core.error.MlopsException}: exit 2 when
     * the configuration is wrong (a missing token variable), exit 3 when the engine cannot be
     * reached or refuses the connection.
     */
    DataEngine open(EngineContext context);
}
