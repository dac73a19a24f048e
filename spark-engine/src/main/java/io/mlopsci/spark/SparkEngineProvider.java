package io.mlopsci.spark;

import io.mlopsci.core.config.DataConfig;
import io.mlopsci.core.data.engine.DataEngine;
import io.mlopsci.core.data.engine.DataEngineProvider;
import io.mlopsci.core.data.engine.EngineContext;
import io.mlopsci.core.error.MlopsException;

/**
 * {@code data.engine: spark}: validate-data through Spark Connect. Found by the engine's
 * {@link java.util.ServiceLoader} in {@code mlops-spark.jar}; loaded only when configured.
 */
public final class SparkEngineProvider implements DataEngineProvider {

    /** The JVM option the Arrow memory module of the Spark Connect client needs on Java 17. */
    static final String ADD_OPENS = "--add-opens=java.base/java.nio=ALL-UNNAMED";

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public DataEngine open(EngineContext context) {
        DataConfig.Spark spark = context.data().spark();
        if (spark == null || spark.remote() == null) {
            throw MlopsException.config(
                    "data.engine: spark needs data.spark.remote, the Spark Connect URL",
                    context.data().engine().location());
        }
        requireOpenNio();
        String token = SparkConnection.token(spark, context.environment());
        return SparkEngine.connect(
                spark, token, context.progress(), context.data().format());
    }

    /**
     * Arrow reads direct buffers reflectively; without the option every query fails deep inside the
     * client. bin/mlops and {@code java -jar mlops.jar} (its manifest's Add-Opens) give it; a JVM
     * started another way must add it.
     */
    static void requireOpenNio() {
        Module addOn = SparkEngineProvider.class.getModule();
        if (!Object.class.getModule().isOpen("java.nio", addOn)) {
            throw MlopsException.infrastructure("the Spark add-on needs the JVM option " + ADD_OPENS
                    + " (Apache Arrow in the Spark Connect client reads direct buffers); bin/mlops and"
                    + " `java -jar mlops.jar` set it — a JVM started with -cp must add it, e.g. in"
                    + " MLOPS_ENGINE_JVM_OPTS or JAVA_TOOL_OPTIONS");
        }
    }
}
