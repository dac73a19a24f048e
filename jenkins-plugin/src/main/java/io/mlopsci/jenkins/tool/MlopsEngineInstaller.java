package io.mlopsci.jenkins.tool;

import hudson.Extension;
import hudson.FilePath;
import hudson.model.Node;
import hudson.model.TaskListener;
import hudson.tools.ToolInstallation;
import hudson.tools.ToolInstaller;
import hudson.tools.ToolInstallerDescriptor;
import hudson.util.FormValidation;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Installs the engine on an agent the way the JDK and Maven installers do: into the tool's
 * directory on that agent ({@code <agent root>/tools/...}), once per version and download URL,
 * fetched by the agent itself for its OS and architecture, SHA-256 verified before it is used.
 * By default the engine version the plugin was built with, from Maven Central; a URL template
 * points it at a mirror or repository manager, and pinned checksums replace the published ones.
 */
public class MlopsEngineInstaller extends ToolInstaller {

    /** The file in the installation directory that says what was installed there. */
    static final String MARKER = ".mlops-installed";

    private String version;
    private String url;
    private String checksums;

    @DataBoundConstructor
    public MlopsEngineInstaller(String label) {
        super(label);
    }

    /** The engine version; blank means the one this plugin was built with. */
    public String getVersion() {
        return version;
    }

    @DataBoundSetter
    public void setVersion(String version) {
        this.version = blankToNull(version);
    }

    /** The download URL template ({@code {version}}, {@code {platform}}); blank means Maven Central. */
    public String getUrl() {
        return url;
    }

    @DataBoundSetter
    public void setUrl(String url) {
        this.url = blankToNull(url);
    }

    /** Pinned digests, one {@code PLATFORM=SHA256} per line; blank means the published {@code .sha256} files. */
    public String getChecksums() {
        return checksums;
    }

    @DataBoundSetter
    public void setChecksums(String checksums) {
        parseChecksums(checksums); // rejects what cannot be used
        this.checksums = blankToNull(checksums);
    }

    String effectiveVersion() {
        return version != null ? version : EngineDistribution.pluginEngineVersion();
    }

    String effectiveUrl(EnginePlatform platform) {
        return EngineDistribution.url(url != null ? url : EngineDistribution.DEFAULT_URL, effectiveVersion(), platform);
    }

    /** The pinned digest for a platform, null when none are pinned; an exception when others are but not this one. */
    String pinnedSha256(EnginePlatform platform) throws IOException {
        Map<String, String> pinned = parseChecksums(checksums);
        if (pinned.isEmpty()) {
            return null;
        }
        String sha = pinned.get(platform.classifier());
        if (sha == null) {
            throw new IOException("the mlops engine installer pins checksums for " + pinned.keySet() + " but not for "
                    + platform + "; add " + platform + "=<sha256>");
        }
        return sha;
    }

    @Override
    public FilePath performInstallation(ToolInstallation tool, Node node, TaskListener log)
            throws IOException, InterruptedException {
        FilePath dir = preferredLocation(tool, node);
        String[] os = dir.act(new DetectPlatform()).split("\n", 2);
        EnginePlatform platform;
        try {
            platform = EnginePlatform.of(os[0], os.length > 1 ? os[1] : "");
        } catch (IllegalArgumentException e) {
            throw new IOException("mlops: " + e.getMessage(), e);
        }
        String from = effectiveUrl(platform);
        FilePath marker = dir.child(MARKER);
        if (dir.child(EngineDistribution.JAR).exists()
                && marker.exists()
                && marker.readToString().trim().equals(from)) {
            return dir;
        }
        log.getLogger()
                .println("mlops: installing the engine " + effectiveVersion() + " for " + platform + " from " + from
                        + " into " + dir.getRemote());
        String sha = dir.act(new EngineDownload(from, pinnedSha256(platform)));
        marker.write(from + "\n", "UTF-8");
        log.getLogger().println("mlops: engine installed (SHA-256 " + sha + ")");
        return dir;
    }

    /** {@code PLATFORM=SHA256} lines into a map; an exception naming the first line that is not one. */
    static Map<String, String> parseChecksums(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null) {
            return out;
        }
        int n = 0;
        for (String line : text.split("\r?\n")) {
            n++;
            String t = line.trim();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            int eq = t.indexOf('=');
            String platform = eq < 0 ? "" : t.substring(0, eq).trim();
            String sha = eq < 0 ? "" : t.substring(eq + 1).trim().toLowerCase(Locale.ROOT);
            if (!EnginePlatform.SUPPORTED.contains(platform) || !sha.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException(
                        "checksums line " + n + ": expected PLATFORM=SHA256 with PLATFORM one of "
                                + String.join(", ", EnginePlatform.SUPPORTED) + ", got '" + t + "'");
            }
            out.put(platform, sha);
        }
        return out;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    @Extension
    @Symbol("mlopsEngineDownload")
    public static final class DescriptorImpl extends ToolInstallerDescriptor<MlopsEngineInstaller> {

        @Override
        public String getDisplayName() {
            return "Download the mlops engine (Maven Central or a mirror)";
        }

        @Override
        public boolean isApplicable(Class<? extends ToolInstallation> toolType) {
            return toolType == MlopsEngineInstallation.class;
        }

        @POST
        public FormValidation doCheckChecksums(@QueryParameter String value) {
            jenkins.model.Jenkins.get().checkPermission(jenkins.model.Jenkins.ADMINISTER);
            try {
                parseChecksums(value);
                return FormValidation.ok();
            } catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
        }

        @POST
        public FormValidation doCheckUrl(@QueryParameter String value) {
            jenkins.model.Jenkins.get().checkPermission(jenkins.model.Jenkins.ADMINISTER);
            String v = value == null ? "" : value.trim();
            if (v.isEmpty()) {
                return FormValidation.ok();
            }
            if (!v.matches("(https?|file):\\S+")) {
                return FormValidation.error("Expected an http(s) or file URL");
            }
            return v.contains("{platform}")
                    ? FormValidation.ok()
                    : FormValidation.warning("Without {platform} every agent downloads the same file");
        }
    }
}
