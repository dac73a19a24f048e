package io.mlopsci.spark;

import io.mlopsci.core.config.DataConfig;
import io.mlopsci.core.error.MlopsException;
import io.mlopsci.core.step.EngineVersion;
import java.util.Map;
import org.apache.spark.sql.connect.SparkSession;
import org.apache.spark.sql.connect.client.RetryPolicy;
import org.apache.spark.sql.connect.client.SparkConnectClient;
import scala.Option;

/**
 * Opens a Spark Connect session: the URL as configured (TLS when it says {@code use_ssl=true}),
 * the bearer token from the environment variable {@code data.spark.token_env} names, and a
 * bounded retry policy so that an unreachable endpoint fails in seconds, not the client's default
 * ten minutes.
 */
final class SparkConnection {

    /** Retries of a failed RPC (50 ms, 200 ms, 0.8 s and 3.2 s of back-off, about 4 s in all: a restarting server is waited for, a dead one is not). */
    static final int RETRIES = 4;

    private SparkConnection() {}

    /** The token, or null when no variable is named; exit 2 when the named variable is unset. */
    static String token(DataConfig.Spark spark, Map<String, String> env) {
        if (spark.tokenEnv() == null) {
            return null;
        }
        String value = env.get(spark.tokenEnv());
        if (value == null || value.isBlank()) {
            throw MlopsException.config(
                    "data.spark.token_env names the environment variable " + spark.tokenEnv()
                            + ", which is not set (or empty) in this environment; set it to the Spark Connect token"
                            + " (a CI secret)",
                    spark.location());
        }
        return value.strip();
    }

    /** A session on {@code remote}; the first RPC (which may fail) is the caller's. */
    static SparkSession session(String remote, String token) {
        SparkConnectClient.Builder b = SparkConnectClient.builder()
                .connectionString(remote)
                .userAgent("mlops-ci/" + EngineVersion.version())
                .retryPolicy(bounded(RetryPolicy.defaultPolicy()));
        if (token != null) {
            b = b.token(token);
        }
        return SparkSession.builder().client(b.build()).create();
    }

    private static RetryPolicy bounded(RetryPolicy p) {
        return p.copy(
                Option.apply((Object) RETRIES),
                p.initialBackoff(),
                p.maxBackoff(),
                p.backoffMultiplier(),
                p.jitter(),
                p.minJitterThreshold(),
                p.canRetry(),
                p.name(),
                p.recognizeServerRetryDelay(),
                p.maxServerRetryDelay());
    }

    /**
     * {@code sc://host:15002 (TLS)} — the URL without its parameters, and whether the channel is
     * encrypted: when the URL says {@code use_ssl=true}, and — the client's own rule, so that a token
     * never crosses a network in clear — whenever a token is sent to a host other than
     * {@code localhost}.
     */
    static String describe(String remote, boolean withToken) {
        int params = remote.indexOf("/;");
        String base = params < 0 ? remote.replaceAll("/$", "") : remote.substring(0, params);
        boolean tls =
                remote.matches("(?i).*;use_ssl=true(;.*)?$") || (withToken && !base.matches("sc://localhost(:\\d+)?"));
        return base + (tls ? " (TLS)" : " (plaintext)");
    }
}
