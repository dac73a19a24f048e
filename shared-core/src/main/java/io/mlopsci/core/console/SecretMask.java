package io.mlopsci.core.console;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Hides secrets in everything the engine prints or writes about a failure: the values of
 * environment variables whose names say they are secret (tokens, passwords, keys, credentials),
 * plus those named in {@code MLOPS_MASK} (comma-separated). A training command that echoes its
 * token, or an error message that quotes it, shows {@code ***} instead — as CI systems do for their
 * own secrets.
 */
public final class SecretMask {

    private static final Pattern SECRET_NAME =
            Pattern.compile("(?i).*(TOKEN|PASSWORD|PASSWD|SECRET|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIAL|AUTH).*");
    /** Shorter values would mask ordinary words and numbers. */
    private static final int MIN_LENGTH = 6;

    public static final SecretMask NONE = new SecretMask(List.of());

    private final List<String> secrets;

    private SecretMask(List<String> secrets) {
        this.secrets = secrets;
    }

    public static SecretMask fromEnv(Map<String, String> env) {
        List<String> extra = List.of(env.getOrDefault("MLOPS_MASK", "").split(","));
        List<String> values = new ArrayList<>();
        env.forEach((name, value) -> {
            if (value != null
                    && value.length() >= MIN_LENGTH
                    && (SECRET_NAME.matcher(name).matches() || extra.contains(name))) {
                values.add(value);
            }
        });
        // Longest first, so a secret that contains another is masked whole.
        values.sort(Comparator.comparingInt(String::length).reversed());
        return new SecretMask(List.copyOf(values));
    }

    public String apply(String text) {
        if (text == null || secrets.isEmpty()) {
            return text;
        }
        String out = text;
        for (String s : secrets) {
            out = out.replace(s, "***");
        }
        return out;
    }
}
