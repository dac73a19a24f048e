// Stub of jenkinsci/jenkins@jenkins-2.541.3 core/src/main/java/hudson/model/Run.java — signatures as in the real
// source; bodies are test doubles (test-only, never shipped).
package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.ExtensionPoint;
import hudson.security.ACL;
import hudson.security.AccessControlled;
import java.io.File;
import java.io.IOException;
import jenkins.model.RunAction2;

/** A build that is running: results only get worse; its directory is the one given. */
public abstract class Run<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends Actionable
        implements ExtensionPoint, Comparable<RunT>, AccessControlled {
    protected final transient @NonNull JobT project;
    public transient int number;
    private final transient File buildDir;
    private volatile Result result;

    protected Run(@NonNull JobT project, @NonNull File buildDir) throws IOException {
        this.project = project;
        this.buildDir = buildDir;
        this.number = Integer.parseInt(buildDir.getName());
        java.nio.file.Files.createDirectories(buildDir.toPath());
    }

    @Override
    public void addAction(@NonNull Action a) {
        super.addAction(a);
        if (a instanceof RunAction2 r) {
            r.onAttached(this);
        }
    }

    public @CheckForNull Result getResult() {
        return result;
    }

    public void setResult(@NonNull Result r) {
        if (result == null || r.isWorseThan(result)) {
            result = r;
        }
    }

    public int getNumber() {
        return number;
    }

    public @NonNull JobT getParent() {
        return project;
    }

    public @NonNull File getRootDir() {
        return buildDir;
    }

    public @NonNull String getId() {
        return Integer.toString(number);
    }

    public @NonNull String getUrl() {
        return project.getUrl() + getNumber() + '/';
    }

    public @NonNull String getExternalizableId() {
        return project.getFullName() + "#" + getNumber();
    }

    public String getDisplayName() {
        return "#" + number;
    }

    public String getFullDisplayName() {
        return project.getDisplayName() + " " + getDisplayName();
    }

    public @NonNull EnvVars getEnvironment(@NonNull TaskListener listener) throws IOException, InterruptedException {
        return new EnvVars();
    }

    public synchronized void save() throws IOException {}

    @NonNull
    @Override
    public ACL getACL() {
        return ACL.grantAll();
    }

    @Override
    public int compareTo(@NonNull RunT that) {
        return Integer.compare(this.number, that.number);
    }
}
