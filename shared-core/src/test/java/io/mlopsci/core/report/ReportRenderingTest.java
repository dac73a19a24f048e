package io.mlopsci.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsci.contract.ErrorKind;
import io.mlopsci.contract.result.Criterion;
import io.mlopsci.contract.result.Direction;
import io.mlopsci.contract.result.Effect;
import io.mlopsci.contract.result.ErrorInfo;
import io.mlopsci.contract.result.Interval;
import io.mlopsci.contract.result.ModelRef;
import io.mlopsci.contract.result.ReportSection;
import io.mlopsci.contract.result.SliceRef;
import io.mlopsci.contract.result.SourceLocation;
import io.mlopsci.contract.result.Status;
import io.mlopsci.contract.result.StepResult;
import io.mlopsci.contract.result.Verdict;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** One report model, four renderings that say the same thing; hostile text stays inert in each. */
class ReportRenderingTest {

    static final String HOSTILE = "<script>alert(1)</script> | @octocat `rm -rf` ]]> \u0007 **bold**";

    static StepResult gateResult() {
        Criterion pass = Criterion.builder("roc_auc.min")
                .metric("roc_auc")
                .rule("min")
                .status(Status.PASS)
                .direction(Direction.HIGHER)
                .actual(0.93)
                .threshold(0.9)
                .expected("≥ 0.9000")
                .build();
        Criterion fail = Criterion.builder("roc_auc.max_drop")
                .metric("roc_auc")
                .rule("max_drop")
                .status(Status.FAIL)
                .direction(Direction.HIGHER)
                .actual(0.88)
                .baseline(0.91)
                .delta(-0.03)
                .relativeDelta(-0.033)
                .threshold(0.905)
                .expected("drop ≤ 0.0050 (≥ 0.9050)")
                .message("0.8800 is 0.0300 worse than the champion")
                .interval(new Interval(-0.05, -0.01, 0.95, 1000, "paired bootstrap"))
                .location(new SourceLocation("mlops.yaml", 12, 5))
                .build();
        Criterion error = Criterion.builder("f1.min")
                .metric("f1")
                .rule("min")
                .status(Status.ERROR)
                .message("'f1' is not in the candidate's metrics")
                .build();
        Criterion warn = Criterion.builder("acc[" + HOSTILE + "].min")
                .metric("accuracy")
                .rule("min")
                .status(Status.FAIL)
                .effect(Effect.WARN)
                .slice(new SliceRef("country", HOSTILE, 42))
                .actual(0.7)
                .expected("≥ 0.8000")
                .message(HOSTILE)
                .build();
        return StepResult.builder("evaluate-gate")
                .tool("mlops test")
                .verdict(Verdict.FAIL)
                .exitCode(1)
                .summary("2 of 4 criteria failed")
                .model(new ModelRef("fraud", "4", "abc"))
                .criterion(pass)
                .criterion(warn)
                .criterion(error)
                .criterion(fail)
                .note("Candidate and champion are compared on the same 1000 rows (paired by id).")
                .section(new ReportSection(
                        "History of roc_auc",
                        null,
                        null,
                        new ReportSection.Chart(
                                "line",
                                "roc_auc",
                                "version",
                                "roc_auc",
                                List.of("v1", "v2", "candidate"),
                                List.of(new ReportSection.Series("roc_auc", Arrays.asList(0.90, 0.91, 0.88)))),
                        false))
                .build();
    }

    @Test
    void markdownPutsFailuresFirstWithEveryNumberAndAChartBesideItsTable() {
        String md = MarkdownReport.render(gateResult());
        int error = md.indexOf("| 💥 ERROR");
        int fail = md.indexOf("| ❌ FAIL");
        int warn = md.indexOf("warning only");
        int passed = md.indexOf("<details><summary>1 passed</summary>");
        assertThat(error).isPositive();
        assertThat(fail).isGreaterThan(error);
        assertThat(warn).isGreaterThan(fail);
        assertThat(passed).isGreaterThan(warn);
        assertThat(md)
                .contains(
                        "| ❌ FAIL | roc\\_auc | max drop | 0.8800 | 0.9100 | −0.0300 (−3.30%) [−0.0500, −0.0100] at 95% | drop ≤ 0.0050 (≥ 0.9050) |"
                                .replace("[", "\\[")
                                .replace("]", "\\]"));
        assertThat(md)
                .contains("```mermaid\nxychart-beta\n")
                .contains("x-axis \"version\" [\"v1\", \"v2\", \"candidate\"]")
                .contains("line [0.900000, 0.910000, 0.880000]")
                .contains("| version | roc\\_auc |")
                .contains("| candidate | 0.8800 |");
        assertThat(md).contains("(mlops.yaml:12:5)");
    }

    @Test
    void markdownNeutralisesHostileText() {
        String md = MarkdownReport.render(gateResult());
        assertThat(md).doesNotContain("<script>").contains("&lt;script&gt;");
        assertThat(md).doesNotContain("@octocat").contains("@\u2060octocat");
        assertThat(md).doesNotContain("\u0007");
        for (String line : md.split("\n")) {
            if (line.startsWith("| ") && line.contains("country")) {
                long pipes = line.chars().filter(c -> c == '|').count() - line.split("\\\\\\|", -1).length + 1;
                assertThat(pipes).as("unescaped pipes in " + line).isEqualTo(8);
            }
        }
    }

    @Test
    void junitHasOneTestCasePerCriterionWithTheReasonAsFailureMessage() throws Exception {
        String xml = JUnitReport.render(gateResult());
        Document doc = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Element suite = (Element) doc.getElementsByTagName("testsuite").item(0);
        assertThat(suite.getAttribute("tests")).isEqualTo("4");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        assertThat(suite.getAttribute("errors")).isEqualTo("1");
        NodeList cases = doc.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(4);
        Element failure = (Element) doc.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message"))
                .contains(
                        "roc_auc max_drop: actual 0.8800, expected drop ≤ 0.0050 (≥ 0.9050), baseline 0.9100, delta −0.0300");
        assertThat(doc.getElementsByTagName("error").item(0).getTextContent())
                .contains("not in the candidate's metrics");
        assertThat(xml).doesNotContain("\u0007");
    }

    @Test
    void junitForAStepThatCouldNotRunIsOneError() throws Exception {
        StepResult r = StepResult.builder("train")
                .verdict(Verdict.ERROR)
                .exitCode(2)
                .error(new ErrorInfo(ErrorKind.COMMAND, "cannot start 'pythn'", null))
                .build();
        String xml = JUnitReport.render(r);
        assertThat(xml)
                .contains("<error message=\"cannot start 'pythn'\" type=\"command\">")
                .contains("errors=\"1\"");
    }

    @Test
    void htmlIsSelfContainedAndEscaped() {
        String html = HtmlReport.render(gateResult());
        assertThat(html)
                .startsWith("<!DOCTYPE html>")
                .contains("<svg")
                .contains("<polyline")
                .doesNotContain("<script")
                .doesNotContain("src=")
                .doesNotContain("href=\"http")
                .doesNotContain("@import");
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(html.replace("http://www.w3.org/2000/svg", ""))
                .doesNotContain("http://")
                .doesNotContain("https://");
    }
}
