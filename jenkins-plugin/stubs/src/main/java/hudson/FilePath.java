// Stub of jenkinsci/jenkins@jenkins-2.541.3 core/src/main/java/hudson/FilePath.java — signatures as in the real source;
// bodies are test doubles (test-only, never shipped).
package hudson;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Computer;
import hudson.remoting.Callable;
import hudson.remoting.LocalChannel;
import hudson.remoting.VirtualChannel;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.charset.Charset;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.jenkinsci.remoting.RoleChecker;
import org.jenkinsci.remoting.RoleSensitive;
import org.jenkinsci.remoting.SerializableOnlyOverRemoting;

/**
 * A file on "the agent", which in the stub is this machine. {@link #act(FileCallable)} Java-serializes
 * the callable and its result as remoting would, so what cannot cross a channel fails here too.
 */
public final class FilePath implements SerializableOnlyOverRemoting {
    private static final long serialVersionUID = 1L;

    public static final LocalChannel localChannel = new LocalChannel();

    private final transient VirtualChannel channel;
    private final String remote;

    public FilePath(@CheckForNull VirtualChannel channel, @NonNull String remote) {
        this.channel = channel instanceof LocalChannel ? null : channel;
        this.remote = new File(remote).getPath();
    }

    public FilePath(@NonNull File localPath) {
        this((VirtualChannel) null, localPath.getPath());
    }

    public FilePath(@NonNull FilePath base, @NonNull String rel) {
        this.channel = base.channel;
        File r = new File(rel);
        this.remote = r.isAbsolute() ? r.getPath() : new File(base.remote, rel).getPath();
    }

    public interface FileCallable<T> extends Serializable, RoleSensitive {
        T invoke(File f, VirtualChannel channel) throws IOException, InterruptedException;
    }

    private File file() {
        return new File(remote);
    }

    public String getRemote() {
        return remote;
    }

    public String getName() {
        return file().getName();
    }

    public String getBaseName() {
        String n = getName();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? n : n.substring(0, dot);
    }

    public @NonNull FilePath child(String relOrAbsolute) {
        return new FilePath(this, relOrAbsolute);
    }

    public FilePath getParent() {
        File p = file().getParentFile();
        return p == null ? null : new FilePath(channel, p.getPath());
    }

    public FilePath sibling(String rel) {
        FilePath parent = getParent();
        return parent != null ? parent.child(rel) : null;
    }

    public boolean exists() throws IOException, InterruptedException {
        return file().exists();
    }

    public boolean isDirectory() throws IOException, InterruptedException {
        return file().isDirectory();
    }

    public long length() throws IOException, InterruptedException {
        return file().length();
    }

    public long lastModified() throws IOException, InterruptedException {
        return file().lastModified();
    }

    public void mkdirs() throws IOException, InterruptedException {
        Files.createDirectories(file().toPath());
    }

    public boolean delete() throws IOException, InterruptedException {
        return Files.deleteIfExists(file().toPath());
    }

    public void deleteRecursive() throws IOException, InterruptedException {
        if (!file().exists()) {
            return;
        }
        // As the real one (Util.deleteRecursive retries): a process still writing there may add a file meanwhile.
        for (int attempt = 1; ; attempt++) {
            try (Stream<Path> walk = Files.walk(file().toPath())) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
                return;
            } catch (java.nio.file.DirectoryNotEmptyException | java.nio.file.NoSuchFileException e) {
                if (attempt == 3) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    public InputStream read() throws IOException, InterruptedException {
        return Files.newInputStream(file().toPath());
    }

    public String readToString() throws IOException, InterruptedException {
        return Files.readString(file().toPath(), Charset.defaultCharset());
    }

    public OutputStream write() throws IOException, InterruptedException {
        File f = file().getAbsoluteFile();
        Files.createDirectories(f.getParentFile().toPath());
        return Files.newOutputStream(f.toPath());
    }

    public void write(final String content, final String encoding) throws IOException, InterruptedException {
        Files.createDirectories(file().getAbsoluteFile().getParentFile().toPath());
        Files.writeString(
                file().toPath(), content, encoding == null ? Charset.defaultCharset() : Charset.forName(encoding));
    }

    public void copyFrom(InputStream in) throws IOException, InterruptedException {
        try (OutputStream os = write()) {
            in.transferTo(os);
        }
    }

    public void copyFrom(FilePath src) throws IOException, InterruptedException {
        src.copyTo(this);
    }

    public void copyTo(FilePath target) throws IOException, InterruptedException {
        try (InputStream in = read()) {
            target.copyFrom(in);
        }
    }

    public void chmod(final int mask) throws IOException, InterruptedException {
        if (file().toPath().getFileSystem().supportedFileAttributeViews().contains("posix")) {
            java.util.Set<java.nio.file.attribute.PosixFilePermission> perms = new java.util.HashSet<>();
            java.nio.file.attribute.PosixFilePermission[] all = java.nio.file.attribute.PosixFilePermission.values();
            // OWNER_READ is bit 8 (0400) ... OTHERS_EXECUTE bit 0 (0001)
            for (int i = 0; i < all.length; i++) {
                if ((mask & (1 << (8 - i))) != 0) {
                    perms.add(all[i]);
                }
            }
            Files.setPosixFilePermissions(file().toPath(), perms);
        }
    }

    public void renameTo(final FilePath target) throws IOException, InterruptedException {
        Files.move(file().toPath(), target.file().toPath(), LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * As the real one: on a remote channel the callable travels to the agent inside a
     * {@link Callable} through {@link VirtualChannel#call}; locally it runs here. Either way it and
     * its result cross a (simulated) wire: what cannot be serialized fails as it would.
     */
    public <T> T act(final FileCallable<T> callable) throws IOException, InterruptedException {
        callable.checkRoles(ALLOW_ALL);
        if (channel != null) {
            return channel.call(new FileCallableWrapper<>(callable, remote));
        }
        FileCallable<T> sent = LocalChannel.Remoting.roundTrip(callable);
        T result = sent.invoke(file(), getChannel());
        return result instanceof Serializable || result == null ? LocalChannel.Remoting.roundTrip(result) : result;
    }

    /** What the real FilePath sends over a channel: the callable and the path it acts on. */
    private record FileCallableWrapper<T>(FileCallable<T> callable, String remote) implements Callable<T, IOException> {
        @Override
        public T call() throws IOException {
            try {
                return callable.invoke(new File(remote), FilePath.localChannel);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }

        @Override
        public void checkRoles(RoleChecker checker) {
            callable.checkRoles(checker);
        }
    }

    public <V, E extends Throwable> V act(Callable<V, E> callable) throws IOException, InterruptedException, E {
        return getChannel().call(callable);
    }

    public VirtualChannel getChannel() {
        return channel != null ? channel : localChannel;
    }

    public boolean isRemote() {
        return channel != null;
    }

    public @CheckForNull Computer toComputer() {
        return null;
    }

    /** Ant-style includes, comma-separated, relative to this directory. */
    @NonNull
    public FilePath[] list(final String includes) throws IOException, InterruptedException {
        List<FilePath> out = new ArrayList<>();
        for (Path p : matching(includes)) {
            out.add(new FilePath(channel, p.toString()));
        }
        return out.toArray(new FilePath[0]);
    }

    public int copyRecursiveTo(String fileMask, FilePath target) throws IOException, InterruptedException {
        int n = 0;
        Path base = file().toPath();
        for (Path p : matching(fileMask)) {
            Path to = target.file().toPath().resolve(base.relativize(p).toString());
            Files.createDirectories(to.getParent());
            Files.copy(p, to, StandardCopyOption.REPLACE_EXISTING);
            n++;
        }
        return n;
    }

    private List<Path> matching(String includes) throws IOException {
        Path base = file().toPath();
        if (!Files.isDirectory(base)) {
            return List.of();
        }
        List<PathMatcher> matchers = new ArrayList<>();
        for (String pattern : includes.split(",")) {
            String p = pattern.trim();
            if (!p.isEmpty()) {
                // Ant's "**/" also matches zero directories.
                matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + p));
                if (p.startsWith("**/")) {
                    matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + p.substring(3)));
                }
            }
        }
        try (Stream<Path> walk = Files.walk(base)) {
            return walk.filter(Files::isRegularFile)
                    .filter(x -> matchers.stream().anyMatch(m -> m.matches(base.relativize(x))))
                    .sorted()
                    .toList();
        }
    }

    @Override
    public String toString() {
        return remote;
    }

    private static final RoleChecker ALLOW_ALL = new RoleChecker() {
        @Override
        public void check(RoleSensitive subject, java.util.Collection<org.jenkinsci.remoting.Role> expected) {}
    };
}
