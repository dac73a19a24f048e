package io.mlopsci.core.deploy.targets;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.mlopsci.core.config.DeployConfig;
import io.mlopsci.core.deploy.history.DeployedVersion;
import io.mlopsci.core.deploy.history.DeploymentState;
import io.mlopsci.core.deploy.history.ServingHandle;
import io.mlopsci.core.error.MlopsException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes through fabric8: Deployments {@code <name>-stable} and {@code <name>-canary}. With
 * {@code traffic: replicas}, one Service {@code <name>} selects both, so traffic follows the
 * replica counts (10 replicas give 10% steps). With {@code traffic: httproute}, Services
 * {@code <name>-stable} and {@code <name>-canary} sit behind a Gateway API HTTPRoute {@code <name>}
 * whose backend weights are the canary's share. Promotion rolls the stable Deployment to the new
 * image and deletes the canary; rollback rolls it to the previous image and deletes the canary.
 */
final class KubernetesTarget implements DeploymentTarget {

    static final String APP = "app.kubernetes.io/name";
    static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    static final String TRACK = "mlops-ci/track";
    static final String VERSION = "mlops-ci/version";
    static final String IMAGE = "mlops-ci/image";
    private static final int SERVICE_PORT = 80;
    private static final int CONFLICT_RETRIES = 5;

    private final TargetContext ctx;
    private final DeployConfig.Kubernetes k8s;
    private final DeployConfig.Serve serve;
    private KubernetesClient client;

    KubernetesTarget(TargetContext ctx) {
        this.ctx = ctx;
        this.k8s = ctx.deploy().kubernetes();
        this.serve = ctx.deploy().serve();
    }

    @Override
    public String name() {
        return "kubernetes";
    }

    @Override
    public String describe() {
        return "Kubernetes namespace " + k8s.namespace() + (client == null ? "" : " at " + client.getMasterUrl())
                + " ("
                + (k8s.traffic() == DeployConfig.Traffic.HTTPROUTE
                        ? "HTTPRoute " + k8s.name() + " weights"
                        : "Service " + k8s.name() + " over replicas")
                + ")";
    }

    @Override
    public void open() {
        Config config = Config.autoConfigure(k8s.context());
        // fabric8 retries 10 times with exponential backoff by default (over a minute against a dead
        // API server); a few retries ride out a blip without hiding an outage for that long.
        config.setRequestRetryBackoffLimit(Math.min(config.getRequestRetryBackoffLimit(), 3));
        client = new KubernetesClientBuilder().withConfig(config).build();
        try {
            client.apps().deployments().inNamespace(k8s.namespace()).list();
        } catch (KubernetesClientException e) {
            client.close();
            client = null;
            throw api("cannot reach the Kubernetes API at " + config.getMasterUrl(), e);
        }
    }

    @Override
    public ServingHandle startStable(DeployedVersion stable, DeploymentState state) {
        requireImage(stable);
        Deployment current = deployment("stable");
        if (current == null || !stable.version().equals(annotation(current, VERSION))) {
            ctx.progress()
                    .phase((current == null ? "creating" : "updating") + " " + name("stable") + " with version "
                            + stable.version() + " (" + stable.imageToRun() + ")");
            apply(deployment("stable", stable, k8s.replicas()));
        } else if (current.getSpec().getReplicas() == null || current.getSpec().getReplicas() != k8s.replicas()) {
            scale("stable", k8s.replicas());
        }
        services();
        route(0);
        awaitReady("stable");
        return ServingHandle.deployment(name("stable"), stable.version());
    }

    @Override
    public ServingHandle startCanary(DeployedVersion canary) {
        requireImage(canary);
        int replicas = k8s.traffic() == DeployConfig.Traffic.HTTPROUTE ? 1 : 0;
        ctx.progress()
                .phase("creating " + name("canary") + " with version " + canary.version() + " (" + canary.imageToRun()
                        + ", " + replicas + " replicas)");
        apply(deployment("canary", canary, replicas));
        services();
        awaitReady("canary");
        return ServingHandle.deployment(name("canary"), canary.version());
    }

    @Override
    public void weight(int percent) {
        int total = k8s.replicas();
        if (k8s.traffic() == DeployConfig.Traffic.HTTPROUTE) {
            scale("canary", Math.max(1, (int) Math.ceil(total * percent / 100.0)));
            awaitReady("canary");
            route(percent);
        } else {
            int canary = percent == 0 ? 0 : Math.max(1, Math.min(total, (int) Math.round(total * percent / 100.0)));
            scale("canary", canary);
            if (deployment("stable") != null) {
                scale("stable", total - canary);
            }
            awaitReady("canary");
            awaitReady("stable");
        }
    }

    @Override
    public ServingHandle promote(DeployedVersion canary, DeploymentState state) {
        ctx.progress().phase("rolling " + name("stable") + " to version " + canary.version());
        apply(deployment("stable", canary, k8s.replicas()));
        awaitReady("stable");
        services();
        route(0);
        delete("canary");
        return ServingHandle.deployment(name("stable"), canary.version());
    }

    @Override
    public void restore(DeploymentState state, DeployedVersion restore) {
        if (client == null) {
            open();
        }
        if (restore == null) {
            ctx.progress().phase("removing " + k8s.name() + ": no version served before this deployment");
            delete("canary");
            delete("stable");
            for (String s : List.of(k8s.name(), name("stable"), name("canary"))) {
                client.services().inNamespace(k8s.namespace()).withName(s).delete();
            }
            client.resources(HTTPRoute.class)
                    .inNamespace(k8s.namespace())
                    .withName(k8s.name())
                    .delete();
            return;
        }
        requireImage(restore);
        Deployment current = deployment("stable");
        if (current == null
                || !restore.version().equals(annotation(current, VERSION))
                || current.getSpec().getReplicas() == null
                || current.getSpec().getReplicas() != k8s.replicas()) {
            ctx.progress().phase("rolling " + name("stable") + " back to version " + restore.version());
            apply(deployment("stable", restore, k8s.replicas()));
        }
        services();
        route(0);
        delete("canary");
        awaitReady("stable");
    }

    @Override
    public List<Check> verify(DeploymentState state, DeployedVersion restore) {
        if (client == null) {
            open();
        }
        List<Check> checks = new ArrayList<>();
        Deployment stable = deployment("stable");
        Deployment canary = deployment("canary");
        checks.add(new Check(name("canary"), "absent", canary == null ? "absent" : "present", canary == null));
        if (restore == null) {
            checks.add(new Check(name("stable"), "absent", stable == null ? "absent" : "present", stable == null));
            return checks;
        }
        String observed = stable == null
                ? "absent"
                : "v" + annotation(stable, VERSION) + " "
                        + stable.getSpec()
                                .getTemplate()
                                .getSpec()
                                .getContainers()
                                .get(0)
                                .getImage() + ", "
                        + ready(stable) + "/" + stable.getSpec().getReplicas() + " ready";
        boolean ok = stable != null
                && restore.version().equals(annotation(stable, VERSION))
                && restore.imageToRun()
                        .equals(stable.getSpec()
                                .getTemplate()
                                .getSpec()
                                .getContainers()
                                .get(0)
                                .getImage())
                && stable.getSpec().getReplicas() != null
                && stable.getSpec().getReplicas() == k8s.replicas()
                && ready(stable) >= k8s.replicas();
        checks.add(new Check(
                name("stable"),
                "v" + restore.version() + " " + restore.imageToRun() + ", " + k8s.replicas() + "/" + k8s.replicas()
                        + " ready",
                observed,
                ok));
        if (k8s.traffic() == DeployConfig.Traffic.HTTPROUTE) {
            HTTPRoute r = client.resources(HTTPRoute.class)
                    .inNamespace(k8s.namespace())
                    .withName(k8s.name())
                    .get();
            String weights = r == null ? "absent" : weights(r);
            checks.add(new Check(
                    "HTTPRoute " + k8s.name(),
                    name("stable") + "=100 " + name("canary") + "=0",
                    weights,
                    weights.equals(name("stable") + "=100 " + name("canary") + "=0")));
        }
        return checks;
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
    }

    private String name(String track) {
        return k8s.name() + "-" + track;
    }

    private Deployment deployment(String track) {
        try {
            return client.apps()
                    .deployments()
                    .inNamespace(k8s.namespace())
                    .withName(name(track))
                    .get();
        } catch (KubernetesClientException e) {
            throw api("cannot read Deployment " + name(track), e);
        }
    }

    private Deployment deployment(String track, DeployedVersion v, int replicas) {
        Map<String, String> selector = Map.of(APP, k8s.name(), TRACK, track);
        Map<String, String> podLabels = new LinkedHashMap<>(selector);
        podLabels.put(VERSION, v.version());
        podLabels.put(MANAGED_BY, "mlops-ci");
        List<EnvVar> env = new ArrayList<>();
        env.add(new EnvVar("PORT", String.valueOf(serve.port()), null));
        env.add(new EnvVar("MLOPS_MODEL_NAME", ctx.config().model(), null));
        env.add(new EnvVar("MLOPS_MODEL_VERSION", v.version(), null));
        env.add(new EnvVar("MLOPS_ROLE", track, null));
        serve.env().forEach((k, val) -> env.add(new EnvVar(k, val, null)));
        DeploymentBuilder b = new DeploymentBuilder()
                .withNewMetadata()
                .withName(name(track))
                .withNamespace(k8s.namespace())
                .withLabels(podLabels)
                .withAnnotations(Map.of(VERSION, v.version(), IMAGE, v.imageToRun()))
                .endMetadata()
                .withNewSpec()
                .withReplicas(replicas)
                .withNewSelector()
                .withMatchLabels(selector)
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(podLabels)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("model")
                .withImage(v.imageToRun())
                .withEnv(env)
                .withCommand(serve.command().isEmpty() ? null : serve.command())
                .addNewPort()
                .withName("http")
                .withContainerPort(serve.port())
                .endPort()
                .withNewReadinessProbe()
                .withNewHttpGet()
                .withPath(serve.health())
                .withPort(new IntOrString(serve.port()))
                .endHttpGet()
                .endReadinessProbe()
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec();
        return b.build();
    }

    private void services() {
        if (k8s.traffic() == DeployConfig.Traffic.REPLICAS) {
            apply(service(k8s.name(), Map.of(APP, k8s.name())));
            return;
        }
        apply(service(name("stable"), Map.of(APP, k8s.name(), TRACK, "stable")));
        apply(service(name("canary"), Map.of(APP, k8s.name(), TRACK, "canary")));
    }

    private Service service(String name, Map<String, String> selector) {
        return new ServiceBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(k8s.namespace())
                .withLabels(Map.of(APP, k8s.name(), MANAGED_BY, "mlops-ci"))
                .endMetadata()
                .withNewSpec()
                .withSelector(selector)
                .addNewPort()
                .withName("http")
                .withPort(SERVICE_PORT)
                .withTargetPort(new IntOrString(serve.port()))
                .endPort()
                .endSpec()
                .build();
    }

    /** Sets the HTTPRoute's weights (httproute traffic only). */
    private void route(int canaryPercent) {
        if (k8s.traffic() != DeployConfig.Traffic.HTTPROUTE) {
            return;
        }
        HTTPRoute route = new HTTPRouteBuilder()
                .withNewMetadata()
                .withName(k8s.name())
                .withNamespace(k8s.namespace())
                .withLabels(Map.of(APP, k8s.name(), MANAGED_BY, "mlops-ci"))
                .endMetadata()
                .withNewSpec()
                .addNewParentRef()
                .withName(k8s.gateway())
                .withNamespace(k8s.gatewayNamespace())
                .endParentRef()
                .addNewRule()
                .addNewBackendRef()
                .withName(name("stable"))
                .withPort(SERVICE_PORT)
                .withWeight(100 - canaryPercent)
                .endBackendRef()
                .addNewBackendRef()
                .withName(name("canary"))
                .withPort(SERVICE_PORT)
                .withWeight(canaryPercent)
                .endBackendRef()
                .endRule()
                .endSpec()
                .build();
        apply(route);
    }

    private static String weights(HTTPRoute r) {
        List<String> out = new ArrayList<>();
        if (r.getSpec() != null && r.getSpec().getRules() != null) {
            r.getSpec().getRules().forEach(rule -> {
                for (HTTPBackendRef b : rule.getBackendRefs()) {
                    out.add(b.getName() + "=" + b.getWeight());
                }
            });
        }
        return String.join(" ", out);
    }

    /** Scales by a merge patch: no resourceVersion precondition, so a controller writing status cannot conflict. */
    private void scale(String track, int replicas) {
        try {
            client.apps()
                    .deployments()
                    .inNamespace(k8s.namespace())
                    .withName(name(track))
                    .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"replicas\":" + replicas + "}}");
        } catch (KubernetesClientException e) {
            throw api("cannot scale " + name(track) + " to " + replicas, e);
        }
    }

    private void delete(String track) {
        try {
            client.apps()
                    .deployments()
                    .inNamespace(k8s.namespace())
                    .withName(name(track))
                    .delete();
        } catch (KubernetesClientException e) {
            throw api("cannot delete " + name(track), e);
        }
    }

    /** Creates or replaces a resource, retrying when a concurrent writer (a controller) won the race. */
    private <T extends HasMetadata> void apply(T resource) {
        for (int attempt = 1; ; attempt++) {
            try {
                client.resource(resource).inNamespace(k8s.namespace()).createOr(NonDeletingOperation::update);
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == CONFLICT_RETRIES) {
                    throw api(
                            "cannot apply " + resource.getKind() + " "
                                    + resource.getMetadata().getName(),
                            e);
                }
            }
        }
    }

    /** Waits until every replica of a Deployment is updated and ready (a Deployment that is absent or at 0 is). */
    private void awaitReady(String track) {
        long deadline = System.nanoTime() + k8s.readyTimeout().toNanos();
        while (true) {
            Deployment d = deployment(track);
            if (d == null) {
                return;
            }
            int want = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
            var s = d.getStatus();
            int ready = ready(d);
            int updated = s == null || s.getUpdatedReplicas() == null ? 0 : s.getUpdatedReplicas();
            boolean observed = s == null
                    || s.getObservedGeneration() == null
                    || d.getMetadata().getGeneration() == null
                    || s.getObservedGeneration() >= d.getMetadata().getGeneration();
            if (want == 0 || (ready >= want && updated >= want && observed)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new NotReadyException(name(track) + " has " + ready + " of " + want + " replicas ready after "
                        + HttpReadiness.seconds(k8s.readyTimeout()) + " (deploy.kubernetes.ready_timeout)");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NotReadyException("interrupted while waiting for " + name(track));
            }
        }
    }

    private static int ready(Deployment d) {
        return d.getStatus() == null || d.getStatus().getReadyReplicas() == null
                ? 0
                : d.getStatus().getReadyReplicas();
    }

    private static String annotation(Deployment d, String key) {
        return d.getMetadata().getAnnotations() == null
                ? null
                : d.getMetadata().getAnnotations().get(key);
    }

    private static void requireImage(DeployedVersion v) {
        if (v.imageToRun() == null) {
            throw MlopsException.usage("version " + v.version()
                    + " has no image: run `mlops package` (format: registry)" + " before deploying to Kubernetes");
        }
    }

    private MlopsException api(String what, KubernetesClientException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String why = e.getCode() > 0
                ? "HTTP " + e.getCode() + ": "
                        + (e.getStatus() == null
                                ? e.getMessage()
                                : e.getStatus().getMessage())
                : root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return MlopsException.infrastructure(what + " in namespace " + k8s.namespace() + " (" + why + ")", e);
    }
}
