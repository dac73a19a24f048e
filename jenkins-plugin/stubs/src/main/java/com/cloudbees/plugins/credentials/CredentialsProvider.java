// Stub of jenkinsci/credentials-plugin@d96751b src/main/java/com/cloudbees/plugins/credentials/CredentialsProvider.java
// — signatures as in the real source; bodies are test doubles (test-only, never shipped).
package com.cloudbees.plugins.credentials;

import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.Nullable;
import hudson.ExtensionPoint;
import hudson.model.Run;
import hudson.security.Permission;
import java.util.Arrays;
import java.util.List;

/** Looks credentials up in {@link SystemCredentialsProvider} by id and type (the stub has no domains or item scopes). */
public abstract class CredentialsProvider implements ExtensionPoint {
    public static final Permission USE_ITEM = new Permission("Credentials.UseItem");

    @Deprecated
    public static <C extends IdCredentials> C findCredentialById(
            @NonNull String id,
            @NonNull Class<C> type,
            @NonNull Run<?, ?> run,
            DomainRequirement... domainRequirements) {
        return findCredentialById(id, type, run, Arrays.asList(domainRequirements));
    }

    @CheckForNull
    public static <C extends IdCredentials> C findCredentialById(
            @NonNull String id,
            @NonNull Class<C> type,
            @NonNull Run<?, ?> run,
            @Nullable List<DomainRequirement> domainRequirements) {
        for (Credentials c : SystemCredentialsProvider.getInstance().getCredentials()) {
            if (type.isInstance(c) && ((IdCredentials) c).getId().equals(id.trim())) {
                return type.cast(c);
            }
        }
        return null;
    }

    public static <C extends Credentials> C track(@NonNull Run build, @CheckForNull C credentials) {
        return credentials;
    }
}
