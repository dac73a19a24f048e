import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Image build step: removes from the action jar the native libraries of Linux architectures other
 * than this one (DuckDB ships ~22 MB per architecture; JNA ships a dozen). Other operating systems'
 * natives are already left out by the Maven shade configuration. Run with the JDK's source launcher:
 * {@code java StripNatives.java JAR $(uname -m)}.
 */
public final class StripNatives {

    public static void main(String[] args) throws IOException {
        Path jar = Path.of(args[0]);
        String machine = args[1];
        String duckdb = switch (machine) {
            case "x86_64", "amd64" -> "linux_amd64";
            case "aarch64", "arm64" -> "linux_arm64";
            default -> throw new IllegalArgumentException("unsupported architecture " + machine);
        };
        String jna = machine.startsWith("x86_64") || machine.equals("amd64") ? "linux-x86-64" : "linux-aarch64";
        Path tmp = jar.resolveSibling(jar.getFileName() + ".tmp");
        long removed = 0;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(tmp))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                String n = e.getName();
                boolean otherDuckdb = n.startsWith("libduckdb_java.so_") && !n.equals("libduckdb_java.so_" + duckdb);
                boolean otherJna = n.startsWith("com/sun/jna/linux-") && !n.startsWith("com/sun/jna/" + jna + "/");
                if (otherDuckdb || otherJna) {
                    removed += Math.max(0, e.getCompressedSize());
                    continue;
                }
                ZipEntry copy = new ZipEntry(n);
                copy.setTime(e.getTime());
                out.putNextEntry(copy);
                in.transferTo(out);
                out.closeEntry();
            }
        }
        Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING);
        System.out.println("StripNatives: kept " + duckdb + " / " + jna + " natives in " + jar + " (" + Files.size(jar) / 1_000_000 + " MB)");
    }
}
