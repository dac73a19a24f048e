package io.mlopsci.core.config;

import io.mlopsci.core.config.DataConfig.Engine;
import io.mlopsci.core.config.DataConfig.EngineKind;
import io.mlopsci.core.config.DataConfig.FileFormat;
import io.mlopsci.core.config.DataConfig.Role;
import io.mlopsci.core.config.DataConfig.Source;
import io.mlopsci.core.config.DataConfig.Spark;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Binds where the data comes from: {@code data.engine} (DuckDB, the default, or Spark),
 * {@code data.spark} (the Spark Connect endpoint) and each role's source ({@code data.train},
 * {@code data.eval}, {@code data.reference}) — a path written as a string, or a mapping with a
 * path or a catalog table, a format, a row filter and a partition column.
 */
final class DataSources {

    static final List<String> ENGINE_KEYS = List.of("memory_limit", "threads");
    static final List<String> SOURCE_KEYS = List.of("path", "table", "format", "where", "partition");
    static final List<String> SPARK_KEYS = List.of("remote", "token_env", "timeout");

    /** A URI scheme such as {@code s3a:} or {@code file:} (two letters at least: not a drive letter). */
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:");
    /** {@code sc://host[:port][/;key=value...]}. */
    private static final Pattern REMOTE =
            Pattern.compile("^sc://(\\[[0-9A-Fa-f:.]+\\]|[^/:;\\[\\]]+)(?::(\\d{1,5}))?(/(?:;[^;=]+=[^;]*)*)?/?$");

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final String PART = "(?:[A-Za-z_][A-Za-z0-9_$]*|`(?:[^`]|``)+`)";
    private static final Pattern TABLE = Pattern.compile(PART + "(?:\\." + PART + "){0,2}");
    private static final Map<String, EngineKind> ENGINES =
            SchemaFile.ordered("duckdb", EngineKind.DUCKDB, "spark", EngineKind.SPARK);

    private DataSources() {}

    /** Whether a path is a URI with a scheme (read by the cluster as written) rather than a local path. */
    static boolean isUri(String path) {
        return SCHEME.matcher(path).find();
    }

    /** {@code engine: duckdb|spark}, or {@code engine: {memory_limit, threads}} (DuckDB's resources). */
    static Engine engine(MapView d) {
        YNode raw = d.raw("engine");
        if (raw != null && raw.kind() == YNode.Kind.SCALAR) {
            EngineKind kind = d.choice("engine", ENGINES, EngineKind.DUCKDB);
            return new Engine(kind, null, null, d.location("engine"));
        }
        MapView e = d.map("engine", ENGINE_KEYS);
        String memory = e.string("memory_limit");
        if (memory != null && !memory.trim().matches("(?i)\\d+(\\.\\d+)?\\s*(b|kb|mb|gb|tb|kib|mib|gib|tib)")) {
            e.problem("memory_limit", "expected a size such as 512MB, 4GB or 2GiB, got '" + memory + "'");
            memory = null;
        }
        Integer threads = e.integer("threads", 1, 1024);
        return new Engine(EngineKind.DUCKDB, memory == null ? null : memory.trim(), threads, d.location("engine"));
    }

    /** {@code data.spark}: required with the Spark engine, refused without it. */
    static Spark spark(MapView d, EngineKind engine) {
        if (engine != EngineKind.SPARK) {
            if (d.has("spark")) {
                d.problem("spark", "'data.spark' is read only with 'data.engine: spark' (the engine is duckdb)");
            }
            return null;
        }
        if (!d.has("spark")) {
            d.problems()
                    .add(
                            d.location("engine"),
                            d.child("spark"),
                            "'data.engine: spark' needs 'data.spark.remote', the Spark Connect URL"
                                    + " (sc://host:15002, with ;use_ssl=true for TLS)");
            return null;
        }
        MapView s = d.map("spark", SPARK_KEYS);
        s.require("remote", "the Spark Connect URL, e.g. sc://spark.example.com:15002/;use_ssl=true");
        String remote = s.string("remote");
        if (remote != null) {
            remote = remote.trim();
            String problem = remoteProblem(remote);
            if (problem != null) {
                s.problem("remote", problem);
            }
        }
        String tokenEnv = s.string("token_env");
        if (tokenEnv != null && !ENV_NAME.matcher(tokenEnv).matches()) {
            // Never echo the value: it may be the token itself, written here by mistake.
            s.problem(
                    "token_env",
                    "expected the NAME of an environment variable that holds the token (letters, digits and _,"
                            + " e.g. SPARK_CONNECT_TOKEN), not the token itself");
            tokenEnv = null;
        }
        java.time.Duration timeout = s.duration("timeout", null);
        return new Spark(remote, tokenEnv, timeout, d.location("spark"));
    }

    /** What is wrong with a Spark Connect URL, or null. */
    static String remoteProblem(String remote) {
        Matcher m = REMOTE.matcher(remote);
        if (!m.matches()) {
            return "expected a Spark Connect URL such as sc://host:15002 or sc://host:443/;use_ssl=true," + " got '"
                    + redactToken(remote) + "'";
        }
        if (m.group(2) != null && (Integer.parseInt(m.group(2)) < 1 || Integer.parseInt(m.group(2)) > 65535)) {
            return "the port of '" + remote + "' is not between 1 and 65535";
        }
        String params = m.group(3) == null ? "" : m.group(3);
        for (String p : params.split(";")) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String key = p.substring(0, eq).trim();
            String value = p.substring(eq + 1).trim();
            if (key.equals("token")) {
                return "the URL carries a token: put the token in an environment variable and name it in"
                        + " 'data.spark.token_env' (mlops.yaml is committed; a token in it is leaked)";
            }
            if (key.equals("use_ssl") && !value.equals("true") && !value.equals("false")) {
                return "use_ssl must be true or false, got '" + value + "'";
            }
        }
        return null;
    }

    private static String redactToken(String remote) {
        return remote.replaceAll("(?i)(;token=)[^;]*", "$1***");
    }

    /**
     * The source of a role. A string is a path: under DuckDB a local file; under Spark a local file
     * too when it has no scheme (resolved against the workdir, for a cluster that shares the
     * file system), else a URI the cluster reads. A mapping says {@code path} or {@code table}, and
     * under Spark may add {@code format}, {@code where} and {@code partition}.
     */
    static Source source(
            MapView d,
            String key,
            Role role,
            SectionContext ctx,
            EngineKind engine,
            Map<String, FileFormat.Kind> formats) {
        YNode raw = d.raw(key);
        if (raw == null) {
            return null;
        }
        if (raw.kind() == YNode.Kind.SCALAR) {
            String text = d.string(key);
            if (text == null || text.isBlank()) {
                return null;
            }
            return new Source(role, path(d, key, text, ctx, engine), null, null, null, null, d.location(key));
        }
        MapView s = d.map(key, SOURCE_KEYS);
        String path = s.string("path");
        String table = s.string("table");
        if ((path == null) == (table == null)) {
            s.problem(
                    path == null ? "path" : "table",
                    path == null
                            ? "expected 'path' (a file or URI) or 'table' (catalog.schema.name)"
                            : "expected either 'path' or 'table', not both");
        }
        if (engine != EngineKind.SPARK) {
            for (String sparkOnly : List.of("table", "format", "where", "partition")) {
                if (s.has(sparkOnly)) {
                    s.problem(
                            sparkOnly,
                            "'" + sparkOnly + "' in a source is read only with 'data.engine: spark'"
                                    + (sparkOnly.equals("format") ? " (for DuckDB, set 'data.format')" : ""));
                }
            }
        }
        if (table != null && !TABLE.matcher(table.trim()).matches()) {
            s.problem(
                    "table",
                    "expected a table name such as catalog.schema.name, schema.name or name (quote odd parts"
                            + " with backticks), got '" + table + "'");
        }
        FileFormat.Kind format = s.choice("format", formats, null);
        if (format != null && table != null) {
            s.problem("format", "a table has its own format; 'format' applies to a path");
        }
        String where = s.string("where");
        if (where != null && where.isBlank()) {
            s.problem("where", "expected a SQL condition such as \"region = 'EU'\", got an empty string");
            where = null;
        }
        String partition = s.string("partition");
        return new Source(
                role,
                path == null ? null : path(s, "path", path, ctx, engine),
                table == null ? null : table.trim(),
                format,
                where,
                partition,
                d.location(key));
    }

    private static String path(MapView v, String key, String text, SectionContext ctx, EngineKind engine) {
        if (isUri(text)) {
            if (engine != EngineKind.SPARK) {
                v.problem(
                        key,
                        "DuckDB reads local files; '" + text + "' is a URI: set 'data.engine: spark' to read it"
                                + " on a Spark cluster, or copy the file to the agent");
            }
            return text;
        }
        Path p = ctx.path(text);
        return p == null ? null : p.toString();
    }

    /** The local file of a source (DuckDB's input, the run cache's hash), or null for a URI or table. */
    static Path localFile(Source s) {
        if (s == null || s.path() == null || isUri(s.path())) {
            return null;
        }
        return Path.of(s.path());
    }
}
