package io.mlopsci.jenkins;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.UsernamePasswordCredentials;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import hudson.AbortException;
import hudson.model.Run;
import io.mlopsci.jenkins.engine.SecretMasker;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * The secrets a step hands to the engine, taken from the credentials plugin: environment variables
 * for the engine process, the GitHub token for the publisher, and every secret value so the log
 * can mask it. Variable names are the ones the engine and MLflow read:
 * <ul>
 *   <li>MLflow: a secret text becomes {@code MLFLOW_TRACKING_TOKEN}; a username with password
 *   becomes {@code MLFLOW_TRACKING_USERNAME} and {@code MLFLOW_TRACKING_PASSWORD}.</li>
 *   <li>Model image registry: a username with password becomes {@code MLOPS_REGISTRY_USERNAME}
 *   and {@code MLOPS_REGISTRY_PASSWORD}.</li>
 *   <li>GitHub: a secret text, or a username with password whose password is a token (as GitHub
 *   App credentials are), becomes {@code GITHUB_TOKEN} for the publisher only.</li>
 * </ul>
 *
 * The engine is also told which of these variables are secret ({@code MLOPS_MASK}), so it masks
 * their values in what it prints and writes; the step masks every secret value in the log as well.
 *
 * @param engineEnv   variables for every engine call of the step
 * @param githubToken the token for the GitHub publisher, or null when none is configured
 * @param masked      every secret value, for the log filter
 * @param secretNames the names of the variables in {@code engineEnv} that hold secrets
 */
record StepSecrets(Map<String, String> engineEnv, String githubToken, List<String> masked, List<String> secretNames) {

    /** The engine's list of extra variable names whose values it masks. */
    static final String MLOPS_MASK = "MLOPS_MASK";

    StepSecrets {
        engineEnv = Collections.unmodifiableMap(new LinkedHashMap<>(engineEnv));
        masked = List.copyOf(masked);
        secretNames = List.copyOf(secretNames);
    }

    /** The variables to add to the step's environment for the engine, {@code MLOPS_MASK} merged with the step's own. */
    Map<String, String> forEngine(Map<String, String> stepEnv) {
        Map<String, String> out = new LinkedHashMap<>(engineEnv);
        if (!secretNames.isEmpty()) {
            String own = stepEnv.get(MLOPS_MASK);
            out.put(MLOPS_MASK, (own == null || own.isBlank() ? "" : own + ",") + String.join(",", secretNames));
        }
        return out;
    }

    SecretMasker masker() {
        return SecretMasker.of(masked);
    }

    /** Resolves the step's credential IDs (falling back to the global defaults) in the run's context. */
    static StepSecrets resolve(MlopsStep step, MlopsGlobalConfiguration global, Run<?, ?> run) throws AbortException {
        Map<String, String> env = new LinkedHashMap<>();
        List<String> masked = new ArrayList<>();
        String trackingUri = firstNonNull(step.getMlflowTrackingUri(), global.getMlflowTrackingUri());
        if (trackingUri != null) {
            env.put("MLFLOW_TRACKING_URI", trackingUri);
        }
        String mlflowId = firstNonNull(step.getMlflowCredentialsId(), global.getMlflowCredentialsId());
        if (mlflowId != null) {
            mlflow(find(mlflowId, "MLflow", run), env, masked);
        }
        String registryId = firstNonNull(step.getRegistryCredentialsId(), global.getRegistryCredentialsId());
        if (registryId != null) {
            registry(find(registryId, "registry", run), env, masked);
        }
        String token = null;
        String githubId = firstNonNull(step.getGithubCredentialsId(), global.getGithubCredentialsId());
        if (githubId != null) {
            token = github(find(githubId, "GitHub", run), masked);
        }
        List<String> secretNames = env.entrySet().stream()
                .filter(e -> masked.contains(e.getValue()))
                .map(Map.Entry::getKey)
                .toList();
        return new StepSecrets(env, token, masked, secretNames);
    }

    static void mlflow(StandardCredentials c, Map<String, String> env, List<String> masked) throws AbortException {
        if (c instanceof StringCredentials s) {
            env.put("MLFLOW_TRACKING_TOKEN", secret(s.getSecret().getPlainText(), masked));
        } else if (c instanceof UsernamePasswordCredentials up) {
            env.put(
                    "MLFLOW_TRACKING_USERNAME",
                    up.isUsernameSecret() ? secret(up.getUsername(), masked) : up.getUsername());
            env.put("MLFLOW_TRACKING_PASSWORD", secret(up.getPassword().getPlainText(), masked));
        } else {
            throw wrongType("MLflow", c, "a secret text (token) or a username with password");
        }
    }

    static void registry(StandardCredentials c, Map<String, String> env, List<String> masked) throws AbortException {
        if (c instanceof UsernamePasswordCredentials up) {
            env.put(
                    "MLOPS_REGISTRY_USERNAME",
                    up.isUsernameSecret() ? secret(up.getUsername(), masked) : up.getUsername());
            env.put("MLOPS_REGISTRY_PASSWORD", secret(up.getPassword().getPlainText(), masked));
        } else {
            throw wrongType("registry", c, "a username with password");
        }
    }

    static String github(StandardCredentials c, List<String> masked) throws AbortException {
        if (c instanceof StringCredentials s) {
            return secret(s.getSecret().getPlainText(), masked);
        }
        if (c instanceof UsernamePasswordCredentials up) {
            return secret(up.getPassword().getPlainText(), masked);
        }
        throw wrongType("GitHub", c, "a secret text (token) or a username with password (e.g. a GitHub App)");
    }

    private static StandardCredentials find(String id, String what, Run<?, ?> run) throws AbortException {
        StandardCredentials c = CredentialsProvider.findCredentialById(
                id, StandardCredentials.class, run, Collections.<DomainRequirement>emptyList());
        if (c == null) {
            throw new AbortException(
                    "mlops: " + what + " credentials '" + id + "' not found, or this build may not use them");
        }
        CredentialsProvider.track(run, c);
        return c;
    }

    private static AbortException wrongType(String what, StandardCredentials c, String expected) {
        return new AbortException("mlops: " + what + " credentials '" + c.getId() + "' are a "
                + c.getClass().getSimpleName() + "; expected " + expected);
    }

    private static String secret(String value, List<String> masked) {
        masked.add(value);
        return value;
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }
}
