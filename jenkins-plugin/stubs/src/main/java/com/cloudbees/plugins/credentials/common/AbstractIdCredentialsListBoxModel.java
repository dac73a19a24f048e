// Stub of jenkinsci/credentials-plugin@d96751b
// src/main/java/com/cloudbees/plugins/credentials/common/AbstractIdCredentialsListBoxModel.java — signatures as in the
// real source; bodies are test doubles (test-only, never shipped).
package com.cloudbees.plugins.credentials.common;

import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.Nullable;
import hudson.model.Item;
import hudson.model.ItemGroup;
import hudson.util.ListBoxModel;
import org.springframework.security.core.Authentication;

public abstract class AbstractIdCredentialsListBoxModel<
                T extends AbstractIdCredentialsListBoxModel<T, C>, C extends IdCredentials>
        extends ListBoxModel {
    private static final long serialVersionUID = 1L;

    @NonNull
    protected abstract String describe(@NonNull C c);

    public AbstractIdCredentialsListBoxModel<T, C> includeEmptyValue() {
        if (isEmpty() || !"".equals(get(0).value)) {
            add(0, new Option("- none -", ""));
        }
        return this;
    }

    @SuppressWarnings("unchecked")
    public AbstractIdCredentialsListBoxModel<T, C> includeAs(
            @NonNull Authentication authentication, @Nullable Item context, @NonNull Class<? extends C> type) {
        for (Credentials c : SystemCredentialsProvider.getInstance().getCredentials()) {
            if (type.isInstance(c)) {
                add(describe((C) c), ((C) c).getId());
            }
        }
        return this;
    }

    /** (The stub's store has no domains; the requirements are not consulted.) */
    public AbstractIdCredentialsListBoxModel<T, C> includeAs(
            @NonNull Authentication authentication,
            @Nullable Item context,
            @NonNull Class<? extends C> type,
            @NonNull java.util.List<com.cloudbees.plugins.credentials.domains.DomainRequirement> domainRequirements) {
        return includeAs(authentication, context, type);
    }

    public AbstractIdCredentialsListBoxModel<T, C> includeAs(
            @NonNull Authentication authentication, @NonNull ItemGroup context, @NonNull Class<? extends C> type) {
        return includeAs(authentication, (Item) null, type);
    }

    public AbstractIdCredentialsListBoxModel<T, C> includeCurrentValue(@NonNull String value) {
        if (value.isEmpty()) {
            return includeEmptyValue();
        }
        for (Option o : this) {
            if (value.equals(o.value)) {
                return this;
            }
        }
        int index = isEmpty() ? 0 : "".equals(get(0).value) ? 1 : 0;
        add(index, new Option("- current -", value));
        return this;
    }
}
