package io.mlopsci.core.data.schema;

import io.mlopsci.core.config.DataConfig.LogicalType;
import io.mlopsci.core.console.Console;
import io.mlopsci.core.data.checks.Texts;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes a profile as a schema file in the words {@code data.columns} uses, with what was observed
 * as comments (value frequencies, null shares, distinct counts) so that the user can edit it.
 */
public final class SchemaYaml {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\- ]*");
    private static final Set<String> RESERVED =
            Set.of("y", "n", "yes", "no", "true", "false", "on", "off", "null", "~");

    private SchemaYaml() {}

    public static String render(SchemaInference.Profile p, String command) {
        StringBuilder y = new StringBuilder();
        // Comments quote a file name and types from the data: one line each, escaped.
        y.append("# Schema inferred by `").append(Console.escape(command)).append("`\n");
        y.append("# from ")
                .append(Console.escape(p.file().display()))
                .append(" (")
                .append(Texts.count(p.file().rows()))
                .append(" rows, ")
                .append(p.columns().size())
                .append(" columns). The bounds are what this file holds: loosen or tighten")
                .append(
                        " them,\n# delete what should not be checked, then point data.schema in mlops.yaml at this file.\n");
        y.append("version: 1\n");
        y.append("extra_columns: fail      # fail | warn | allow: columns the data has but this file does not list\n");
        y.append("missing_columns: fail    # fail | warn: columns listed here that the data lacks\n");
        y.append("columns:\n");
        for (SchemaInference.ColumnProfile c : p.columns()) {
            y.append("  ").append(scalar(c.name())).append(":");
            if (c.type() == null) {
                y.append(" {}    # ")
                        .append(
                                c.nulls() == p.file().rows()
                                        ? "every value is null; type unknown"
                                        : Console.escape(c.duckType()) + ": no rule applies to this type")
                        .append('\n');
                continue;
            }
            y.append('\n');
            y.append("    type: ").append(c.type().key()).append('\n');
            if (c.nulls() == 0) {
                y.append("    nullable: false\n");
            } else {
                double share = (double) c.nulls() / p.file().rows();
                y.append("    max_null_fraction: ")
                        .append(roundUp(share))
                        .append("    # observed ")
                        .append(Texts.percent(share))
                        .append(" (")
                        .append(Texts.count(c.nulls()))
                        .append(" rows)\n");
            }
            boolean categories = c.categories() != null
                    && !c.categories().isEmpty()
                    && (c.type() == LogicalType.STRING || c.type() == LogicalType.INTEGER);
            if (c.min() != null && c.max() != null && !(categories && c.type() == LogicalType.STRING)) {
                boolean quoted = c.type() != LogicalType.INTEGER && c.type() != LogicalType.NUMBER;
                y.append("    min: ")
                        .append(quoted ? quote(c.min()) : number(c.min()))
                        .append('\n');
                y.append("    max: ")
                        .append(quoted ? quote(c.max()) : number(c.max()))
                        .append('\n');
            }
            if (categories) {
                long total = p.file().rows() - c.nulls();
                y.append("    allowed:                # ")
                        .append(c.categories().size())
                        .append(" distinct values\n");
                for (Map.Entry<String, Long> e : c.categories().entrySet()) {
                    String v = c.type() == LogicalType.INTEGER ? e.getKey() : scalar(e.getKey());
                    y.append("      - ")
                            .append(v)
                            .append("    # ")
                            .append(Texts.count(e.getValue()))
                            .append(" rows (")
                            .append(Texts.percent((double) e.getValue() / total))
                            .append(")\n");
                }
            } else if (c.type() == LogicalType.STRING && c.minLength() != null) {
                y.append("    length: {min: ")
                        .append(c.minLength())
                        .append(", max: ")
                        .append(c.maxLength())
                        .append("}    # about ")
                        .append(Texts.count(c.approxDistinct()))
                        .append(" distinct values\n");
            }
            if (c.unique()) {
                y.append("    unique: true\n");
            }
        }
        return y.toString();
    }

    /** A share rounded up to two significant digits, so that the file itself passes. */
    static String roundUp(double share) {
        if (share >= 1) {
            return "1";
        }
        BigDecimal d = BigDecimal.valueOf(share).round(new java.math.MathContext(2, java.math.RoundingMode.UP));
        return d.stripTrailingZeros().toPlainString();
    }

    private static String number(String text) {
        try {
            BigDecimal d = new BigDecimal(text);
            return d.stripTrailingZeros().toPlainString().equals("-0") ? "0" : plainNumber(text, d);
        } catch (NumberFormatException e) {
            return quote(text);
        }
    }

    private static String plainNumber(String text, BigDecimal d) {
        String plain = d.toPlainString();
        // Keep what DuckDB printed unless plain notation is shorter to read.
        return plain.length() <= 24 ? plain : text;
    }

    /** A plain YAML scalar when it cannot be misread, else a double-quoted one. */
    static String scalar(String s) {
        if (PLAIN.matcher(s).matches()
                && !RESERVED.contains(s.toLowerCase(Locale.ROOT))
                && !s.endsWith(" ")
                && !s.contains(" #")
                && !s.contains(": ")) {
            return s;
        }
        return quote(s);
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '[' && i >= 2 && s.startsWith("##", i - 2)) {
                // "##[" in a printed line is a GitHub Actions workflow command; \x5b reads back as '['.
                b.append("\\x5b");
                continue;
            }
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (ch < 0x20 || ch == 0x7f) {
                        b.append(String.format(Locale.ROOT, "\\x%02x", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
