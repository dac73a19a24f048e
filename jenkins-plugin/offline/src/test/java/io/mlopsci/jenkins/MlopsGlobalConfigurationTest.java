package io.mlopsci.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.Extension;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import hudson.util.Secret;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The global configuration as Configuration as Code sees it: {@code unclassified: mlops:} with one
 * bean property per data-bound setter (the real round trip runs in the -Pjenkins JCasC test).
 */
class MlopsGlobalConfigurationTest {

    @AfterEach
    void tearDown() {
        OfflineJenkins.resetGlobals();
    }

    @Test
    void itIsASingletonExtensionNamedMlopsWithBeanPropertiesForConfigurationAsCode() throws Exception {
        assertThat(MlopsGlobalConfiguration.class.getAnnotation(Extension.class))
                .isNotNull();
        assertThat(MlopsGlobalConfiguration.class.getAnnotation(Symbol.class).value())
                .containsExactly("mlops");
        assertThat(MlopsGlobalConfiguration.class.getConstructor().getAnnotation(DataBoundConstructor.class))
                .isNotNull();
        Set<String> setters = Arrays.stream(MlopsGlobalConfiguration.class.getMethods())
                .filter(m -> m.isAnnotationPresent(DataBoundSetter.class))
                .map(m -> Character.toLowerCase(m.getName().charAt(3))
                        + m.getName().substring(4))
                .collect(Collectors.toSet());
        assertThat(setters)
                .containsExactlyInAnyOrder(
                        "mlflowTrackingUri",
                        "mlflowCredentialsId",
                        "registryCredentialsId",
                        "githubCredentialsId",
                        "githubApiUrl");
        for (String p : setters) {
            Method getter = MlopsGlobalConfiguration.class.getMethod(
                    "get" + Character.toUpperCase(p.charAt(0)) + p.substring(1));
            Method setter = MlopsGlobalConfiguration.class.getMethod(
                    "set" + Character.toUpperCase(p.charAt(0)) + p.substring(1), String.class);
            MlopsGlobalConfiguration c = MlopsGlobalConfiguration.get();
            setter.invoke(c, "  value-of-" + p + " ");
            assertThat(getter.invoke(c)).as(p + " round trip, trimmed").isEqualTo("value-of-" + p);
            setter.invoke(c, "");
            assertThat(getter.invoke(c)).as(p + " blank means unset").isNull();
        }
        assertThat(MlopsGlobalConfiguration.get()).isSameAs(MlopsGlobalConfiguration.get());
    }

    @Test
    void urlsAreCheckedAndCredentialListsOfferTheStore() {
        MlopsGlobalConfiguration c = MlopsGlobalConfiguration.get();
        assertThat(c.doCheckMlflowTrackingUri("https://mlflow.example:5000").kind)
                .isEqualTo(FormValidation.Kind.OK);
        assertThat(c.doCheckMlflowTrackingUri("").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(c.doCheckMlflowTrackingUri("mlflow.example").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(c.doCheckGithubApiUrl("ftp://x").getMessage()).contains("https://github.example.com/api/v3");
        SystemCredentialsProvider.getInstance()
                .getCredentials()
                .add(new StringCredentialsImpl(CredentialsScope.GLOBAL, "gh", "GitHub bot", Secret.fromString("x")));
        ListBoxModel items = c.doFillGithubCredentialsIdItems("gone");
        assertThat(items).extracting(o -> o.value).containsExactly("", "gone", "gh");
    }
}
