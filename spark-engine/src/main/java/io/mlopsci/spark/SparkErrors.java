package io.mlopsci.spark;

import io.mlopsci.core.config.DataConfig;
import io.mlopsci.core.error.MlopsException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkThrowable;
import org.sparkproject.io.grpc.Status;
import org.sparkproject.io.grpc.StatusRuntimeException;

/**
 * Spark's failures in the contract's terms. The user's (exit 2): a path, table, schema or column
 * that does not exist, a filter that is not valid SQL, a malformed file — each message says what
 * does exist (the files beside the path, the tables of the schema, the columns of the source).
 * The environment's (exit 3): an endpoint that cannot be reached, a refused token, a server that
 * went away mid-query, anything else Spark reports.
 */
final class SparkErrors {

    private final String where;

    SparkErrors(String where) {
        this.where = where;
    }

    /** A failure of the first contact: unreachable, refused token, or a malformed URL. */
    MlopsException connect(Exception e, boolean withToken, DataConfig.Spark spark) {
        Status.Code code = grpcCode(e);
        if (code == Status.Code.UNAUTHENTICATED || code == Status.Code.PERMISSION_DENIED) {
            return MlopsException.infrastructure(
                    "Spark Connect at " + where + " refused the connection (" + code + "): "
                            + (withToken
                                    ? "the token in $" + spark.tokenEnv() + " is not accepted"
                                    : "it wants a token: put it in an environment variable and name that in"
                                            + " data.spark.token_env"),
                    e);
        }
        if (plaintextServer(e)) {
            return MlopsException.infrastructure(
                    "Spark Connect at " + where + " does not speak TLS, and the client "
                            + (withToken
                                    ? "sends a token only over TLS (to any host but localhost): serve Spark Connect"
                                            + " over TLS (usually a proxy in front of it), or reach it through"
                                            + " localhost (an SSH tunnel)"
                                    : "was told to use it (use_ssl=true in data.spark.remote)"),
                    e);
        }
        if (code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED || code == Status.Code.UNKNOWN) {
            return MlopsException.infrastructure(
                    "cannot reach Spark Connect at " + where + " (" + code + ", after " + SparkConnection.RETRIES
                            + " retries): " + firstLine(rootMessage(e))
                            + "; check data.spark.remote, the network, and that the server runs",
                    e);
        }
        if (e instanceof IllegalArgumentException) {
            return MlopsException.config(
                    "data.spark.remote (" + where + ") is not a Spark Connect URL the client accepts: "
                            + firstLine(e.getMessage()),
                    spark.location());
        }
        return MlopsException.infrastructure(
                "cannot open a Spark Connect session at " + where + ": " + firstLine(rootMessage(e)), e);
    }

    /** A failure of an operation on an open session. */
    MlopsException map(Exception e, String what, DataConfig.Source source, SparkEngine engine) {
        String condition = condition(e);
        String message = firstLine(e.getMessage());
        String who = source == null ? what : "data." + source.role().key() + " (" + source.describe() + ")";
        if (condition != null) {
            if (condition.startsWith("PATH_NOT_FOUND")) {
                return MlopsException.input(who + " does not exist on the cluster" + siblings(engine, source));
            }
            if (condition.startsWith("TABLE_OR_VIEW_NOT_FOUND")) {
                return MlopsException.input(who + ": the table does not exist" + tablesBeside(engine, source));
            }
            if (condition.startsWith("SCHEMA_NOT_FOUND") || condition.startsWith("NO_SUCH_NAMESPACE")) {
                return MlopsException.input(who + ": its schema does not exist" + schemas(engine, source));
            }
            if (condition.startsWith("UNRESOLVED_COLUMN") || condition.startsWith("UNRESOLVED_FIELD")) {
                return MlopsException.input(who + ": " + message);
            }
            if (condition.startsWith("PARSE_SYNTAX_ERROR") || condition.startsWith("PARSE_")) {
                return MlopsException.input(who + ": not valid Spark SQL: " + message);
            }
            if (condition.startsWith("MALFORMED_RECORD") || condition.contains("MALFORMED")) {
                return MlopsException.input(who + " is malformed: " + message);
            }
            if (condition.startsWith("UNABLE_TO_INFER_SCHEMA") || condition.startsWith("FAILED_READ_FILE")) {
                return MlopsException.input(who + " cannot be read: " + message);
            }
            if (condition.startsWith("OPERATION_CANCELED")) {
                return MlopsException.infrastructure("the Spark job was cancelled while " + what, e);
            }
        }
        Status.Code code = grpcCode(e);
        if (code == Status.Code.UNAVAILABLE
                || code == Status.Code.UNKNOWN
                || code == Status.Code.DEADLINE_EXCEEDED
                || code == Status.Code.CANCELLED) {
            return MlopsException.infrastructure(
                    "lost Spark Connect at " + where + " while " + what + " (" + code + "): "
                            + firstLine(rootMessage(e)) + "; nothing was checked",
                    e);
        }
        if (code == Status.Code.UNAUTHENTICATED || code == Status.Code.PERMISSION_DENIED) {
            return MlopsException.infrastructure(
                    "Spark Connect at " + where + " refused " + what + " (" + code + "): " + message, e);
        }
        return MlopsException.infrastructure(
                "Spark failed while " + what + (condition == null ? "" : " (" + condition + ")") + ": " + message, e);
    }

    /** The Spark error condition (error class) of a failure, if any. */
    static String condition(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SparkThrowable st && st.getCondition() != null) {
                return st.getCondition();
            }
        }
        return null;
    }

    /**
     * The gRPC status of a failure. The client turns most gRPC errors into SparkExceptions that keep
     * only the status's text ("...StatusRuntimeException: UNAVAILABLE: io exception") and its cause
     * (e.g. a ConnectException), so the text and the cause are read too.
     */
    static Status.Code grpcCode(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StatusRuntimeException s) {
                return s.getStatus().getCode();
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            Matcher m = STATUS_TEXT.matcher(String.valueOf(t.getMessage()));
            if (m.find()) {
                try {
                    return Status.Code.valueOf(m.group(1));
                } catch (IllegalArgumentException notACode) {
                    // some other word in capitals
                }
            }
            if (t instanceof java.net.ConnectException
                    || t instanceof java.net.UnknownHostException
                    || t instanceof java.net.NoRouteToHostException) {
                return Status.Code.UNAVAILABLE;
            }
        }
        return null;
    }

    private static final Pattern STATUS_TEXT = Pattern.compile("StatusRuntimeException: ([A-Z_]+)");

    /** Whether a TLS handshake met a server that does not speak TLS. */
    static boolean plaintextServer(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).contains("not an SSL/TLS record")) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }

    // ---- what exists, for the messages -------------------------------------------------------------

    /** The files in the path's parent directory, as the cluster sees them. */
    private static String siblings(SparkEngine engine, DataConfig.Source source) {
        if (source == null || source.path() == null) {
            return "";
        }
        String path = source.path().replaceAll("/+$", "");
        int slash = path.lastIndexOf('/');
        if (slash <= 0) {
            return "";
        }
        String parent = path.substring(0, slash + 1);
        try {
            List<String> names = new ArrayList<>();
            for (var r : engine.collect(
                    engine.session()
                            .read()
                            .format("binaryFile")
                            .option("recursiveFileLookup", "false")
                            .load(parent)
                            .select("path")
                            .limit(21),
                    "listing " + parent,
                    21)) {
                String p = String.valueOf(r.get("path"));
                names.add(p.substring(p.lastIndexOf('/') + 1));
            }
            return names.isEmpty()
                    ? "; its directory " + parent + " holds no files"
                    : "; its directory " + parent + " holds " + SparkSources.listed(names);
        } catch (Exception e) {
            return "; nor does its directory " + parent + " (or the cluster cannot list it)";
        }
    }

    /** The tables of the schema the missing table names, or of the current schema. */
    private static String tablesBeside(SparkEngine engine, DataConfig.Source source) {
        if (source == null || source.table() == null) {
            return "";
        }
        String t = source.table();
        int dot = t.lastIndexOf('.');
        String schema = dot < 0 ? null : t.substring(0, dot);
        try {
            String sql = schema == null ? "SHOW TABLES" : "SHOW TABLES IN " + schema;
            List<String> names = new ArrayList<>();
            for (var r : engine.collect(engine.session().sql(sql), "listing tables", 51)) {
                names.add(String.valueOf(r.get("tableName")));
            }
            return "; " + (schema == null ? "the current schema" : "schema " + schema) + " has "
                    + (names.isEmpty() ? "no tables" : "the tables " + SparkSources.listed(names));
        } catch (Exception e) {
            String c = condition(e);
            if (c != null && (c.startsWith("SCHEMA_NOT_FOUND") || c.startsWith("NO_SUCH_NAMESPACE"))) {
                return "; nor does its schema " + schema + schemas(engine, source);
            }
            return "";
        }
    }

    /** The schemas of the table's catalog (or of the current one). */
    private static String schemas(SparkEngine engine, DataConfig.Source source) {
        String t = source == null || source.table() == null ? "" : source.table();
        String[] parts = t.split("\\.");
        String catalog = parts.length == 3 ? parts[0] : null;
        try {
            List<String> names = new ArrayList<>();
            for (var r : engine.collect(
                    engine.session().sql(catalog == null ? "SHOW SCHEMAS" : "SHOW SCHEMAS IN " + catalog),
                    "listing schemas",
                    51)) {
                names.add(String.valueOf(r.values().values().iterator().next()));
            }
            return "; " + (catalog == null ? "the current catalog" : "catalog " + catalog) + " has the schemas "
                    + SparkSources.listed(names);
        } catch (Exception e) {
            return "";
        }
    }
}
