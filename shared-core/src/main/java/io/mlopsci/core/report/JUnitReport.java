package io.mlopsci.core.report;

import io.mlopsci.contract.result.Criterion;
import io.mlopsci.contract.result.Effect;
import io.mlopsci.contract.result.Status;
import io.mlopsci.contract.result.StepResult;
import java.io.StringWriter;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * JUnit XML as Jenkins' junit step and test-report actions read it: one test suite per step, one
 * test case per criterion. A failing criterion is a {@code <failure>} whose message is the reason;
 * an ERROR is an {@code <error>}; warnings pass and carry their reason in {@code <system-out>}. A
 * step that could not run is a single {@code <error>} test case.
 */
public final class JUnitReport {

    private JUnitReport() {}

    public static String render(StepResult r) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter w = XMLOutputFactory.newInstance().createXMLStreamWriter(out);
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            String suite = "mlops." + r.step();
            int tests = Math.max(1, r.criteria().size());
            long failures = r.criteria().stream()
                    .filter(c -> c.effect() == Effect.FAIL && c.status() != Status.ERROR)
                    .count();
            long errors = r.criteria().stream()
                            .filter(c -> c.effect() == Effect.FAIL && c.status() == Status.ERROR)
                            .count()
                    + (r.error() != null ? 1 : 0);
            if (r.criteria().isEmpty()
                    && r.error() == null
                    && !r.verdict().passed()
                    && r.verdict() != io.mlopsci.contract.result.Verdict.SKIPPED) {
                failures = 1;
            }
            String time = seconds(r.durationMs());
            w.writeStartElement("testsuites");
            attr(w, "name", "mlops");
            attr(w, "tests", String.valueOf(tests));
            attr(w, "failures", String.valueOf(failures));
            attr(w, "errors", String.valueOf(errors));
            attr(w, "time", time);
            w.writeCharacters("\n  ");
            w.writeStartElement("testsuite");
            attr(w, "name", suite);
            attr(w, "tests", String.valueOf(tests));
            attr(w, "failures", String.valueOf(failures));
            attr(w, "errors", String.valueOf(errors));
            attr(w, "skipped", r.verdict() == io.mlopsci.contract.result.Verdict.SKIPPED ? "1" : "0");
            attr(w, "time", time);
            if (r.startedAt() != null) {
                attr(w, "timestamp", r.startedAt());
            }
            if (r.criteria().isEmpty()) {
                w.writeCharacters("\n    ");
                w.writeStartElement("testcase");
                attr(w, "classname", suite);
                attr(w, "name", r.step());
                attr(w, "time", time);
                if (r.error() != null) {
                    w.writeStartElement("error");
                    attr(w, "message", r.error().message());
                    attr(w, "type", r.error().kind().word());
                    w.writeCharacters(clean(r.error().message()));
                    w.writeEndElement();
                } else if (r.verdict() == io.mlopsci.contract.result.Verdict.SKIPPED) {
                    w.writeEmptyElement("skipped");
                    attr(w, "message", r.summary() == null ? "not run" : r.summary());
                } else if (!r.verdict().passed()) {
                    w.writeStartElement("failure");
                    attr(w, "message", r.summary() == null ? r.verdict().name() : r.summary());
                    attr(w, "type", r.verdict().name());
                    w.writeEndElement();
                }
                w.writeEndElement();
            }
            for (Criterion c : r.criteria()) {
                w.writeCharacters("\n    ");
                w.writeStartElement("testcase");
                attr(w, "classname", suite + "." + (c.metric() == null ? c.id() : c.metric()));
                attr(w, "name", c.id());
                attr(w, "time", "0");
                String reason = reason(c);
                if (c.effect() == Effect.FAIL) {
                    w.writeStartElement(c.status() == Status.ERROR ? "error" : "failure");
                    attr(w, "message", reason);
                    attr(w, "type", c.status().name());
                    w.writeCharacters(clean(
                            c.examples() == null || c.examples().regressed() == 0
                                    ? reason
                                    : reason + "\n" + ExampleDiffText.oneLine(c.examples())));
                    w.writeEndElement();
                } else if (c.status() != Status.PASS) {
                    w.writeStartElement("system-out");
                    w.writeCharacters(clean(c.status() + ": " + reason));
                    w.writeEndElement();
                }
                w.writeEndElement();
            }
            w.writeCharacters("\n  ");
            w.writeEndElement();
            w.writeCharacters("\n");
            w.writeEndElement();
            w.writeCharacters("\n");
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write JUnit XML", e);
        }
        return out.toString();
    }

    /** The failure message: what was checked, the numbers, and why it failed. */
    static String reason(Criterion c) {
        StringBuilder b = new StringBuilder();
        b.append(ReportText.label(c));
        if (c.rule() != null) {
            b.append(' ').append(c.rule());
        }
        b.append(": actual ").append(c.shownActual());
        if (c.expected() != null) {
            b.append(", expected ").append(c.expected());
        }
        if (c.baseline() != null) {
            b.append(", baseline ").append(c.shownBaseline());
        }
        if (c.delta() != null) {
            b.append(", delta ").append(c.shownDelta());
        }
        if (c.message() != null) {
            b.append(" — ").append(c.message());
        }
        return b.toString();
    }

    private static void attr(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        w.writeAttribute(name, clean(value));
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }

    /** Removes characters XML 1.0 cannot carry (control characters from data). */
    static String clean(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            boolean ok = cp == 0x9
                    || cp == 0xA
                    || cp == 0xD
                    || (cp >= 0x20 && cp <= 0xD7FF)
                    || (cp >= 0xE000 && cp <= 0xFFFD)
                    || (cp >= 0x10000 && cp <= 0x10FFFF);
            b.appendCodePoint(ok ? cp : '?');
        });
        return b.toString();
    }
}
