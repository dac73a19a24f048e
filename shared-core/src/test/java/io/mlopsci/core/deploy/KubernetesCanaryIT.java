package io.mlopsci.core.deploy;

import static io.mlopsci.core.deploy.DeployFixtures.alias;
import static io.mlopsci.core.deploy.DeployFixtures.criterion;
import static io.mlopsci.core.deploy.DeployFixtures.newVersion;
import static io.mlopsci.core.deploy.DeployFixtures.result;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.mlopsci.core.testing.FreePorts;
import io.mlopsci.core.testing.Processes;
import io.mlopsci.core.testing.Sandbox;
import io.mlopsci.core.testing.ScriptedModelProject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kubernetes target against fabric8's mock API server in CRUD mode (the only simulated part):
 * the CLI runs in its own JVM with a kubeconfig pointing at it, and a small controller in the test
 * marks Deployments ready (or refuses to, for a broken image) and records every traffic split it
 * sees, so the test asserts what a cluster would have served at each step.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class KubernetesCanaryIT {

    static KubernetesMockServer server;
    static KubernetesClient client;

    @TempDir
    Path tmp;

    private final List<String> seen = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean running = new AtomicBoolean(true);
    private volatile Predicate<Deployment> refuse = d -> false;
    private Thread controller;
    private Path kubeconfig;
    private volatile String ns = "none";

    @BeforeEach
    void controllerAndKubeconfig() throws IOException {
        kubeconfig = tmp.resolve("kubeconfig");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters: [{name: mock, cluster: {server: "%s"}}]
                users: [{name: ci, user: {token: test-token}}]
                contexts: [{name: mock, context: {cluster: mock, user: ci, namespace: default}}]
                current-context: mock
                """.formatted(client.getMasterUrl().toString()));
        controller = new Thread(this::reconcile, "fake-controller");
        controller.setDaemon(true);
        controller.start();
    }

    @AfterEach
    void stopController() throws InterruptedException {
        running.set(false);
        controller.join(5_000);
    }

    /** Marks Deployments ready (unless refused) and records "stable=N/image canary=N/image route=W/W" on every change. */
    private void reconcile() {
        String last = "";
        while (running.get()) {
            try {
                for (Deployment d :
                        client.apps().deployments().inNamespace(ns).list().getItems()) {
                    int want =
                            d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
                    boolean ready = d.getStatus() != null
                            && Objects.equals(d.getStatus().getReadyReplicas(), want)
                            && Objects.equals(d.getStatus().getUpdatedReplicas(), want);
                    if (!ready && !refuse.test(d)) {
                        d.setStatus(new DeploymentStatusBuilder()
                                .withReplicas(want)
                                .withReadyReplicas(want)
                                .withUpdatedReplicas(want)
                                .withAvailableReplicas(want)
                                .withObservedGeneration(d.getMetadata().getGeneration())
                                .build());
                        client.apps().deployments().inNamespace(ns).resource(d).updateStatus();
                    }
                }
                String now = snapshot();
                if (!now.equals(last)) {
                    seen.add(now);
                    last = now;
                }
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // a resource changed under us; look again
            }
        }
    }

    private String snapshot() {
        StringBuilder s = new StringBuilder();
        for (String track : new String[] {"stable", "canary"}) {
            Deployment d = client.apps()
                    .deployments()
                    .inNamespace(ns)
                    .withName("fraud-" + track)
                    .get();
            s.append(track)
                    .append('=')
                    .append(
                            d == null
                                    ? "-"
                                    : d.getSpec().getReplicas() + "/"
                                            + d.getSpec()
                                                    .getTemplate()
                                                    .getSpec()
                                                    .getContainers()
                                                    .get(0)
                                                    .getImage())
                    .append(' ');
        }
        HTTPRoute r = client.resources(HTTPRoute.class)
                .inNamespace(ns)
                .withName("fraud")
                .get();
        if (r != null) {
            s.append("route=");
            r.getSpec()
                    .getRules()
                    .get(0)
                    .getBackendRefs()
                    .forEach(b -> s.append(b.getWeight()).append('/'));
        }
        return s.toString().trim();
    }

    private Sandbox project(String traffic, String namespace) {
        ns = namespace;
        Sandbox s = ScriptedModelProject.create(tmp, "p", "fraud", """
                package:
                  image: "registry.example.com/fraud:${model.version}"
                deploy:
                  target: kubernetes
                  serve: {port: 8080, health: /health}
                  kubernetes:
                    namespace: %s
                    replicas: 10
                    traffic: %s
                    gateway: public
                    ready_timeout: 3s
                  canary:
                    steps: [10, 50, 100]
                    bake: 300ms
                """.formatted(namespace, traffic));
        s.env("KUBECONFIG", kubeconfig.toString());
        return s;
    }

    private static String release(Sandbox s, String... overrides) {
        String v = newVersion(s, overrides);
        Processes.Result p = s.mlops("package");
        assertThat(p.exitCode()).as(p.toString()).isZero();
        return v;
    }

    @Test
    void splitsTrafficByReplicasPromotesAndRollsBackAnUnreadyCanary() {
        Sandbox s = project("replicas", "ml-replicas");
        String v1 = release(s);
        Processes.Result first = s.mlops("deploy-canary");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        Deployment stable = client.apps()
                .deployments()
                .inNamespace(ns)
                .withName("fraud-stable")
                .get();
        assertThat(stable.getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .getImage())
                .isEqualTo("registry.example.com/fraud:" + v1);
        Service svc = client.services().inNamespace(ns).withName("fraud").get();
        assertThat(svc.getSpec().getSelector())
                .as("one Service over both tracks")
                .containsExactly(java.util.Map.entry("app.kubernetes.io/name", "fraud"));

        String v2 = release(s, "train.params.accuracy=0.96");
        seen.clear();
        Processes.Result second = s.mlops("deploy-canary");
        assertThat(second.exitCode()).as(second.toString()).isZero();
        String img1 = "registry.example.com/fraud:" + v1;
        String img2 = "registry.example.com/fraud:" + v2;
        assertThat(seen)
                .as("the cluster saw each step's split")
                .containsSubsequence(
                        "stable=9/" + img1 + " canary=1/" + img2,
                        "stable=5/" + img1 + " canary=5/" + img2,
                        "stable=0/" + img1 + " canary=10/" + img2,
                        "stable=10/" + img2 + " canary=-");
        assertThat(alias(s, "fraud", "champion")).isEqualTo(v2);

        String v3 = release(s, "train.params.accuracy=0.97");
        refuse = d -> d.getMetadata().getName().equals("fraud-canary");
        Processes.Result third = s.mlops("deploy-canary");
        assertThat(third.exitCode()).as(third.toString()).isEqualTo(1);
        assertThat(criterion(result(s, "deploy-canary"), "canary.10%.ready")
                        .path("message")
                        .asText())
                .contains("fraud-canary has 0 of")
                .contains("deploy.kubernetes.ready_timeout");
        assertThat(client.apps()
                        .deployments()
                        .inNamespace(ns)
                        .withName("fraud-canary")
                        .get())
                .as("removed")
                .isNull();
        Deployment after = client.apps()
                .deployments()
                .inNamespace(ns)
                .withName("fraud-stable")
                .get();
        assertThat(after.getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .getImage())
                .isEqualTo(img2);
        assertThat(after.getSpec().getReplicas()).isEqualTo(10);
        assertThat(alias(s, "fraud", "champion")).isEqualTo(v2);
        assertThat(v3).isNotEqualTo(v2);
    }

    @Test
    void weightsAnHttpRouteAndRestoresItAfterACrash() {
        Sandbox s = project("httproute", "ml-route");
        String v1 = release(s);
        assertThat(s.mlops("deploy-canary").exitCode()).isZero();
        String v2 = release(s, "train.params.accuracy=0.96");
        seen.clear();
        Processes.Result r = s.mlops("deploy-canary");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        List<String> weights = new ArrayList<>();
        for (String x : seen) {
            String w = x.replaceAll(".* route=", "");
            if (weights.isEmpty() || !weights.get(weights.size() - 1).equals(w)) {
                weights.add(w);
            }
        }
        assertThat(weights).containsSubsequence("100/0/", "90/10/", "50/50/", "0/100/", "100/0/");
        HTTPRoute route = client.resources(HTTPRoute.class)
                .inNamespace(ns)
                .withName("fraud")
                .get();
        assertThat(route.getSpec().getParentRefs().get(0).getName()).isEqualTo("public");
        assertThat(client.services().inNamespace(ns).withName("fraud-stable").get())
                .isNotNull();

        String v3 = release(s, "train.params.accuracy=0.97");
        Processes.Result crashed = s.env("MLOPS_DEBUG_HALT_AT", "traffic-50").mlops("deploy-canary");
        s.env("MLOPS_DEBUG_HALT_AT", "");
        assertThat(crashed.exitCode()).isEqualTo(137);
        assertThat(snapshot()).contains("canary=").contains("route=50/50/");
        Processes.Result rb = s.mlops("rollback");
        assertThat(rb.exitCode()).as(rb.toString()).isZero();
        assertThat(snapshot()).isEqualTo("stable=10/registry.example.com/fraud:" + v2 + " canary=- route=100/0/");
        assertThat(alias(s, "fraud", "champion")).isEqualTo(v2);
        assertThat(result(s, "rollback").path("criteria").toString()).contains("HTTPRoute fraud");

        Processes.Result undo = s.mlops("rollback");
        assertThat(undo.exitCode()).isZero();
        assertThat(result(s, "rollback").path("outputs").path("action").asText())
                .isEqualTo("verified");
        assertThat(v1).isNotEqualTo(v3);
    }

    @Test
    void anUnreachableApiServerIsAnInfrastructureError() throws IOException {
        Sandbox s = project("replicas", "ml-down");
        release(s);
        Files.writeString(
                kubeconfig,
                Files.readString(kubeconfig)
                        .replace(client.getMasterUrl().toString(), "http://127.0.0.1:" + FreePorts.next() + "/"));
        Processes.Result r = s.mlops("deploy-canary");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        assertThat(r.stderr()).contains("cannot reach the Kubernetes API at http://127.0.0.1:");
    }
}
