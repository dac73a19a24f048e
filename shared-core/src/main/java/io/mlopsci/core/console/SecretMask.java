package io.mlopsci.core.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.mlopsci.contract.result.StepResult;
import io.mlopsci.core.io.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides secrets in everything the engine prints or writes: the values of environment variables
 * whose names say they are secret (tokens, passwords, keys, credentials), plus those named in
 * {@code MLOPS_MASK} (comma-separated). A training command that echoes its token, an error message
 * that quotes it, or a server that echoes the Authorization header shows {@code ***} instead — as
 * CI systems do for their own secrets. Each secret is also masked as the forms a program prints it
 * in: Base64 (standard and URL-safe, also where it sits inside a longer Base64 text, as in an HTTP
 * Basic header), URL-encoded and JSON-escaped; and {@code user:password} pairs ({@code X_USERNAME}
 * with {@code X_PASSWORD}) as their Basic header.
 */
public final class SecretMask {

    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(TOKEN|PASSWORD|PASSWD|SECRET|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIAL|AUTH(?!OR)).*");
    /** {@code X_USERNAME} or {@code X_USER}: the user half of an HTTP Basic pair. */
    private static final Pattern USER_NAME = Pattern.compile("(?i)(.*)_USER(NAME)?");

    private static final Pattern PASSWORD_NAME = Pattern.compile("(?i)(.*)_(PASSWORD|PASSWD|TOKEN)");
    /** Shorter values would mask ordinary words and numbers. */
    private static final int MIN_LENGTH = 6;

    public static final SecretMask NONE = new SecretMask(List.of(), Map.of());

    /** Every form to hide, longest first, so that a form containing another is masked whole. */
    private final List<String> forms;
    /** Each form → the variable whose value it encodes. */
    private final Map<String, String> sources;

    private SecretMask(List<String> forms, Map<String, String> sources) {
        this.forms = forms;
        this.sources = sources;
    }

    public static SecretMask fromEnv(Map<String, String> env) {
        List<String> extra = List.of(env.getOrDefault("MLOPS_MASK", "").split(","));
        Map<String, String> sources = new LinkedHashMap<>();
        env.forEach((name, value) -> {
            if (value != null
                    && value.length() >= MIN_LENGTH
                    && (SECRET_NAME.matcher(name).matches() || extra.contains(name))) {
                forms(value).forEach(f -> sources.putIfAbsent(f, name));
            }
        });
        env.forEach((name, user) -> {
            Matcher u = USER_NAME.matcher(name);
            if (user == null || user.isEmpty() || !u.matches()) {
                return;
            }
            env.forEach((other, password) -> {
                Matcher p = PASSWORD_NAME.matcher(other);
                if (password != null
                        && password.length() >= MIN_LENGTH
                        && p.matches()
                        && p.group(1).equalsIgnoreCase(u.group(1))) {
                    String basic = user + ":" + password;
                    base64(basic.getBytes(StandardCharsets.UTF_8)).forEach(f -> sources.putIfAbsent(f, other));
                }
            });
        });
        List<String> forms = new ArrayList<>(sources.keySet());
        forms.sort(Comparator.comparingInt(String::length).reversed());
        return new SecretMask(List.copyOf(forms), Map.copyOf(sources));
    }

    /** The value as it is and as programs print it. */
    private static List<String> forms(String value) {
        List<String> out = new ArrayList<>();
        out.add(value);
        out.addAll(base64(value.getBytes(StandardCharsets.UTF_8)));
        String url = URLEncoder.encode(value, StandardCharsets.UTF_8);
        out.add(url);
        out.add(url.replace("+", "%20"));
        out.add(lowerHex(url));
        out.add(jsonEscaped(value));
        return out.stream().filter(f -> f.length() >= MIN_LENGTH).distinct().toList();
    }

    /**
     * Base64 of {@code bytes} in both alphabets: the whole encoding, and for each of the three
     * offsets at which it can start inside a longer encoded text, the characters that depend on
     * it alone.
     */
    private static List<String> base64(byte[] bytes) {
        List<String> out = new ArrayList<>();
        for (Base64.Encoder enc : List.of(Base64.getEncoder(), Base64.getUrlEncoder())) {
            out.add(enc.encodeToString(bytes));
            out.add(enc.withoutPadding().encodeToString(bytes));
            for (int shift = 0; shift < 3; shift++) {
                byte[] shifted = new byte[shift + bytes.length];
                System.arraycopy(bytes, 0, shifted, shift, bytes.length);
                String e = enc.withoutPadding().encodeToString(shifted);
                int from = (8 * shift + 5) / 6;
                int to = (8 * (shift + bytes.length)) / 6;
                if (to > from) {
                    out.add(e.substring(from, to));
                }
            }
        }
        return out;
    }

    /** The value inside a JSON string, escaped as JSON writers escape it. */
    private static String jsonEscaped(String value) {
        StringBuilder b = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    private static String lowerHex(String url) {
        Matcher m = Pattern.compile("%[0-9A-F]{2}").matcher(url);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, m.group().toLowerCase(Locale.ROOT));
        }
        return m.appendTail(b).toString();
    }

    public String apply(String text) {
        if (text == null || forms.isEmpty()) {
            return text;
        }
        String out = text;
        for (String s : forms) {
            if (out.contains(s)) {
                out = out.replace(s, "***");
            }
        }
        return out;
    }

    /** The variable whose secret {@code text} contains (in any of its forms), if any. */
    public Optional<String> secretIn(String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (String s : forms) {
            if (text.contains(s)) {
                return Optional.of(sources.get(s));
            }
        }
        return Optional.empty();
    }

    /** {@code result} with every secret masked in every text and key it holds (itself when none is). */
    public StepResult apply(StepResult result) {
        if (forms.isEmpty() || result == null) {
            return result;
        }
        JsonNode tree = Json.mapper().valueToTree(result);
        JsonNode masked = apply(tree);
        if (masked == tree) {
            return result;
        }
        try {
            return Json.mapper().treeToValue(masked, StepResult.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a masked result does not read back: " + e.getOriginalMessage(), e);
        }
    }

    /** {@code node} with every secret masked in its texts and keys; the same instance when none is. */
    public JsonNode apply(JsonNode node) {
        if (forms.isEmpty() || node == null) {
            return node;
        }
        if (node.isTextual()) {
            String t = apply(node.asText());
            return t.equals(node.asText()) ? node : TextNode.valueOf(t);
        }
        if (node.isArray()) {
            ArrayNode copy = null;
            for (int i = 0; i < node.size(); i++) {
                JsonNode item = apply(node.get(i));
                if (item != node.get(i) && copy == null) {
                    copy = ((ArrayNode) node).deepCopy();
                }
                if (copy != null) {
                    copy.set(i, item);
                }
            }
            return copy == null ? node : copy;
        }
        if (node.isObject()) {
            boolean changed = false;
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = apply(e.getKey());
                JsonNode value = apply(e.getValue());
                changed |= !key.equals(e.getKey()) || value != e.getValue();
                copy.set(key, value);
            }
            return changed ? copy : node;
        }
        return node;
    }
}
