package io.mlopsci.core.deploy.targets;

import io.mlopsci.core.config.DeployConfig;
import io.mlopsci.core.error.MlopsException;
import java.util.Arrays;
import java.util.Locale;

/** Creates the target a deployment names. */
public final class Targets {

    private Targets() {}

    public static DeploymentTarget create(DeployConfig.Target target, TargetContext ctx) {
        return switch (target) {
            case LOCAL -> new LocalTarget(ctx);
            case DOCKER -> new DockerTarget(ctx);
            case KUBERNETES -> new KubernetesTarget(ctx);
            case MLFLOW -> new MlflowAliasTarget(ctx);
        };
    }

    /** The target a deployment journal names (it may predate a change of the configuration). */
    public static DeployConfig.Target named(String name) {
        return Arrays.stream(DeployConfig.Target.values())
                .filter(t -> t.yaml().equals(name))
                .findFirst()
                .orElseThrow(() -> MlopsException.internal(
                        "the deployment journal names an unknown target '" + name.toLowerCase(Locale.ROOT) + "'",
                        null));
    }
}
