package io.mlopsci.core.deploy.targets;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;

/** Polls a health URL until it answers 2xx, the server is gone, or time runs out. */
final class HttpReadiness {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private HttpReadiness() {}

    /**
     * @param gone returns why the server can no longer become ready (e.g. "exited with code 1"), or null
     * @throws NotReadyException with {@code who}, the timeout and the last answer
     */
    static void await(URI health, Duration timeout, String who, Supplier<String> gone) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (true) {
            String why = gone.get();
            if (why != null) {
                throw new NotReadyException(who + " " + why + " before it became ready");
            }
            try {
                HttpResponse<Void> r = CLIENT.send(
                        HttpRequest.newBuilder(health)
                                .timeout(Duration.ofSeconds(2))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() / 100 == 2) {
                    return;
                }
                last = "HTTP " + r.statusCode();
            } catch (IOException e) {
                last = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NotReadyException(who + ": interrupted while waiting for " + health);
            }
            if (System.nanoTime() > deadline) {
                throw new NotReadyException(who + " did not become healthy within " + seconds(timeout) + " (GET "
                        + health + ": " + last + ")");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NotReadyException(who + ": interrupted while waiting for " + health);
            }
        }
    }

    /** Whether {@code health} answers 2xx right now. */
    static boolean healthy(URI health) {
        try {
            return CLIENT.send(
                                            HttpRequest.newBuilder(health)
                                                    .timeout(Duration.ofSeconds(2))
                                                    .GET()
                                                    .build(),
                                            HttpResponse.BodyHandlers.discarding())
                                    .statusCode()
                            / 100
                    == 2;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
