// Stub of jenkinsci/jenkins@jenkins-2.541.3 core/src/main/java/hudson/model/DirectoryBrowserSupport.java — signatures
// as in the real source; bodies are test doubles (test-only, never shipped).
package hudson.model;

import hudson.FilePath;

/** (Serving — {@code HttpResponse.generateResponse} — is omitted: the plugin only constructs it.) */
public final class DirectoryBrowserSupport {
    public final ModelObject owner;
    public final String title;
    private final FilePath base;
    private final String icon;
    private final boolean serveDirIndex;

    public DirectoryBrowserSupport(ModelObject owner, FilePath base, String title, String icon, boolean serveDirIndex) {
        this.owner = owner;
        this.base = base;
        this.title = title;
        this.icon = icon;
        this.serveDirIndex = serveDirIndex;
    }

    /** Stub helper for tests: the directory served. */
    public FilePath base() {
        return base;
    }
}
