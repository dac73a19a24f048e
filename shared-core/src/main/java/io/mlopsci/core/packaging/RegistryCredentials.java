package io.mlopsci.core.packaging;

import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.api.CredentialRetriever;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.frontend.CredentialRetrieverFactory;
import io.mlopsci.core.config.PackageConfig;
import io.mlopsci.core.error.MlopsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Where registry credentials come from, in order: the two environment variables the configuration
 * names (what CI systems inject: Jenkins {@code withCredentials}, GitHub secrets), then the Docker
 * configuration ({@code $DOCKER_CONFIG/config.json} or {@code ~/.docker/config.json}, credential
 * helpers included: what {@code docker login} and {@code docker/login-action} write). Values are
 * handed to Jib only; messages name the variables, never their values.
 */
final class RegistryCredentials {

    private RegistryCredentials() {}

    static List<CredentialRetriever> forImage(
            ImageReference image, PackageConfig.Credentials names, Map<String, String> env, Consumer<LogEvent> log) {
        List<CredentialRetriever> out = new ArrayList<>();
        String user = env.get(names.usernameEnv());
        String password = env.get(names.passwordEnv());
        boolean hasUser = user != null && !user.isEmpty();
        boolean hasPassword = password != null && !password.isEmpty();
        if (hasUser != hasPassword) {
            throw MlopsException.config(
                    "registry credentials are half set: " + (hasUser ? names.usernameEnv() : names.passwordEnv())
                            + " is set but " + (hasUser ? names.passwordEnv() : names.usernameEnv())
                            + " is not; set both or neither",
                    null);
        }
        CredentialRetrieverFactory factory = CredentialRetrieverFactory.forImage(image, log, env);
        if (hasUser) {
            out.add(factory.known(
                    Credential.from(user, password),
                    "environment variables " + names.usernameEnv() + "/" + names.passwordEnv()));
        }
        out.add(factory.dockerConfig());
        out.add(factory.wellKnownCredentialHelpers());
        return out;
    }

    /** How a message tells the user to provide credentials. */
    static String hint(PackageConfig.Credentials names) {
        return "set " + names.usernameEnv() + " and " + names.passwordEnv() + " (or run `docker login`)";
    }
}
