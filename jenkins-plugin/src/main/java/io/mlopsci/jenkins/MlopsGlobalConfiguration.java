package io.mlopsci.jenkins;

import hudson.Extension;
import hudson.ExtensionList;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.mlopsci.jenkins.engine.GitHubPublishCommand;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Controller-wide defaults for every {@code mlops*} step: the MLflow server and the credentials
 * steps use when they name none. Configuration as Code reads it under {@code unclassified: mlops:}.
 */
@Extension
@Symbol("mlops")
public class MlopsGlobalConfiguration extends GlobalConfiguration {

    private String mlflowTrackingUri;
    private String mlflowCredentialsId;
    private String registryCredentialsId;
    private String githubCredentialsId;
    private String githubApiUrl;

    @DataBoundConstructor
    public MlopsGlobalConfiguration() {
        load();
    }

    public static MlopsGlobalConfiguration get() {
        return ExtensionList.lookupSingleton(MlopsGlobalConfiguration.class);
    }

    public String getMlflowTrackingUri() {
        return mlflowTrackingUri;
    }

    @DataBoundSetter
    public void setMlflowTrackingUri(String mlflowTrackingUri) {
        this.mlflowTrackingUri = MlopsStep.trimToNull(mlflowTrackingUri);
        save();
    }

    public String getMlflowCredentialsId() {
        return mlflowCredentialsId;
    }

    @DataBoundSetter
    public void setMlflowCredentialsId(String mlflowCredentialsId) {
        this.mlflowCredentialsId = MlopsStep.trimToNull(mlflowCredentialsId);
        save();
    }

    public String getRegistryCredentialsId() {
        return registryCredentialsId;
    }

    @DataBoundSetter
    public void setRegistryCredentialsId(String registryCredentialsId) {
        this.registryCredentialsId = MlopsStep.trimToNull(registryCredentialsId);
        save();
    }

    public String getGithubCredentialsId() {
        return githubCredentialsId;
    }

    @DataBoundSetter
    public void setGithubCredentialsId(String githubCredentialsId) {
        this.githubCredentialsId = MlopsStep.trimToNull(githubCredentialsId);
        save();
    }

    /** GitHub's REST API base; {@value GitHubPublishCommand#DEFAULT_API_URL} unless set (GitHub Enterprise). */
    public String getGithubApiUrl() {
        return githubApiUrl;
    }

    @DataBoundSetter
    public void setGithubApiUrl(String githubApiUrl) {
        this.githubApiUrl = MlopsStep.trimToNull(githubApiUrl);
        save();
    }

    @POST
    public FormValidation doCheckMlflowTrackingUri(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return httpUrl(value, "the MLflow tracking server");
    }

    @POST
    public FormValidation doCheckGithubApiUrl(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return httpUrl(value, "GitHub's REST API, e.g. https://github.example.com/api/v3");
    }

    static FormValidation httpUrl(String value, String what) {
        String v = MlopsStep.trimToNull(value);
        if (v == null || v.matches("https?://\\S+")) {
            return FormValidation.ok();
        }
        return FormValidation.error("Expected the http(s) URL of " + what);
    }

    public ListBoxModel doFillMlflowCredentialsIdItems(@QueryParameter String mlflowCredentialsId) {
        return CredentialsLists.forItem(null, mlflowCredentialsId);
    }

    public ListBoxModel doFillRegistryCredentialsIdItems(@QueryParameter String registryCredentialsId) {
        return CredentialsLists.forItem(null, registryCredentialsId);
    }

    public ListBoxModel doFillGithubCredentialsIdItems(@QueryParameter String githubCredentialsId) {
        return CredentialsLists.forItem(null, githubCredentialsId);
    }
}
