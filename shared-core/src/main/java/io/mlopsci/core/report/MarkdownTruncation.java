package io.mlopsci.core.report;

import java.nio.charset.StandardCharsets;

/**
 * Shortens Markdown to a size limit without leaving it broken: the cut falls on a line break, an
 * open code fence and open {@code <details>} blocks are closed, and a notice saying what happened
 * (and where the full report is) ends the text. GitHub counts comment and check-run limits in
 * characters and the job summary in bytes, hence the two measures.
 */
public final class MarkdownTruncation {

    /** How a limit is counted. */
    public enum Measure {
        /** UTF-16 code units (never fewer than the characters GitHub counts). */
        CHARS,
        /** UTF-8 bytes. */
        UTF8_BYTES;

        public int of(CharSequence s) {
            return this == CHARS ? s.length() : utf8Length(s, 0, s.length());
        }
    }

    private MarkdownTruncation() {}

    /** {@code markdown} itself when it fits, else its longest safe prefix followed by {@code notice}. */
    public static String fit(String markdown, int limit, Measure measure, String notice) {
        if (measure.of(markdown) <= limit) {
            return markdown;
        }
        String tail = "\n\n" + notice + "\n";
        int budget = limit - measure.of(tail);
        while (budget > 0) {
            String cut = lineBoundaryPrefix(markdown, prefixLength(markdown, budget, measure));
            String result = cut + closers(cut) + tail;
            int over = measure.of(result) - limit;
            if (over <= 0) {
                return result;
            }
            budget -= over;
        }
        // Not even the notice fits: keep what fits of the notice alone.
        return notice.substring(0, prefixLength(notice, Math.max(0, limit), measure));
    }

    /** Whether {@link #fit} shortened its input (the result differs from the input). */
    public static boolean truncated(String original, String fitted) {
        return !original.equals(fitted);
    }

    /** The number of chars of {@code s} whose measure is at most {@code budget}, never splitting a surrogate pair. */
    static int prefixLength(String s, int budget, Measure measure) {
        if (measure == Measure.CHARS) {
            int n = Math.min(budget, s.length());
            if (n > 0 && n < s.length() && Character.isHighSurrogate(s.charAt(n - 1))) {
                n--;
            }
            return Math.max(0, n);
        }
        int bytes = 0;
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            int len = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + len > budget) {
                break;
            }
            bytes += len;
            i += Character.charCount(cp);
        }
        return i;
    }

    private static String lineBoundaryPrefix(String s, int n) {
        String prefix = s.substring(0, n);
        int nl = prefix.lastIndexOf('\n');
        return nl > 0 ? prefix.substring(0, nl + 1) : prefix;
    }

    /** What closes the constructs left open at the end of {@code cut}: a code fence, {@code <details>} blocks. */
    static String closers(String cut) {
        String fence = null;
        int openDetails = 0;
        for (String line : cut.split("\n", -1)) {
            String t = line.strip();
            if (fence == null) {
                String f = fenceOf(t);
                if (f != null) {
                    fence = f;
                    continue;
                }
                openDetails += count(t, "<details") - count(t, "</details>");
                openDetails = Math.max(0, openDetails);
            } else if (t.startsWith(fence) && t.chars().allMatch(c -> c == t.charAt(0))) {
                fence = null;
            }
        }
        StringBuilder b = new StringBuilder();
        if (!cut.endsWith("\n")) {
            b.append('\n');
        }
        if (fence != null) {
            b.append(fence).append('\n');
        }
        b.append("\n</details>\n".repeat(openDetails));
        return b.toString();
    }

    private static String fenceOf(String line) {
        for (char c : new char[] {'`', '~'}) {
            int n = 0;
            while (n < line.length() && line.charAt(n) == c) {
                n++;
            }
            if (n >= 3) {
                return String.valueOf(c).repeat(n);
            }
        }
        return null;
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + what.length())) {
            n++;
        }
        return n;
    }

    static int utf8Length(CharSequence s, int from, int to) {
        return s.subSequence(from, to).toString().getBytes(StandardCharsets.UTF_8).length;
    }
}
