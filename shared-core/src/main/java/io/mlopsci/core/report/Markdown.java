package io.mlopsci.core.report;

/** Escaping for text that may come from users or data (metric names, slice values, messages). */
public final class Markdown {

    private Markdown() {}

    /**
     * Escapes text for a Markdown table cell or paragraph: no table breaks, no HTML, no emphasis
     * or links, no {@code @mentions} (a zero-width joiner after {@code @}), one line.
     */
    public static String text(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\', '`', '*', '_', '[', ']', '#', '|', '~', '!' ->
                    b.append('\\').append(c);
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '@' -> b.append("@\u2060");
                case '\n', '\r', '\t' -> b.append(' ');
                default -> {
                    // Control characters (C0, DEL, C1) are dropped: they have no business in a comment.
                    if (c >= 0x20 && (c < 0x7f || c > 0x9f)) {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    /** A fenced code block whose fence is longer than any backtick run in the content. */
    public static String code(String lang, String content) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < content.length(); i++) {
            run = content.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(Math.max(3, longest + 1));
        return fence + lang + "\n" + content + (content.endsWith("\n") ? "" : "\n") + fence + "\n";
    }
}
