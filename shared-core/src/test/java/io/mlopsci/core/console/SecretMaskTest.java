package io.mlopsci.core.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsci.contract.ErrorKind;
import io.mlopsci.contract.result.Criterion;
import io.mlopsci.contract.result.ErrorInfo;
import io.mlopsci.contract.result.ReportSection;
import io.mlopsci.contract.result.Status;
import io.mlopsci.contract.result.StepResult;
import io.mlopsci.contract.result.Verdict;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The forms a secret is printed in, and the results, JSON and lines it is masked in. */
class SecretMaskTest {

    static final String TOKEN = "s3cr3t/t0ken+value=";
    static final SecretMask MASK = SecretMask.fromEnv(Map.of("MLFLOW_TRACKING_TOKEN", TOKEN, "HOME", "/home/ci"));

    @Test
    void theValueAndItsEncodingsAreMasked() {
        byte[] b = TOKEN.getBytes(StandardCharsets.UTF_8);
        for (String form : List.of(
                TOKEN,
                Base64.getEncoder().encodeToString(b),
                Base64.getUrlEncoder().withoutPadding().encodeToString(b),
                URLEncoder.encode(TOKEN, StandardCharsets.UTF_8),
                URLEncoder.encode(TOKEN, StandardCharsets.UTF_8).toLowerCase(java.util.Locale.ROOT))) {
            assertThat(MASK.apply("before " + form + " after")).isEqualTo("before *** after");
        }
    }

    @Test
    void base64AtAnyOffsetInsideALongerTextLeavesNoMoreThanItsEdges() {
        byte[] b = TOKEN.getBytes(StandardCharsets.UTF_8);
        for (String prefix : List.of("", "a", "ab", "abc:")) {
            byte[] longer = (prefix + TOKEN + "!tail").getBytes(StandardCharsets.UTF_8);
            String encoded = Base64.getEncoder().encodeToString(longer);
            String masked = MASK.apply(encoded);
            assertThat(masked).contains("***");
            // At most the two characters on each side that the neighbouring bytes share remain.
            assertThat(masked.length())
                    .isLessThan(encoded.length()
                            - Base64.getEncoder().encodeToString(b).length()
                            + 10);
        }
    }

    @Test
    void aBasicHeaderOfAUserAndPasswordPairIsMaskedWhole() {
        SecretMask m = SecretMask.fromEnv(
                Map.of("MLFLOW_TRACKING_USERNAME", "ci-bot", "MLFLOW_TRACKING_PASSWORD", "hunter22"));
        String header =
                "Basic " + Base64.getEncoder().encodeToString("ci-bot:hunter22".getBytes(StandardCharsets.UTF_8));
        assertThat(m.apply("echo: Authorization: " + header)).isEqualTo("echo: Authorization: Basic ***");
        assertThat(m.secretIn(header)).contains("MLFLOW_TRACKING_PASSWORD");
    }

    @Test
    void namesThatOnlyLookSecretAreNot() {
        SecretMask m = SecretMask.fromEnv(Map.of("GIT_AUTHOR_NAME", "Jane Doe-Smith", "GITHUB_TOKEN", "ghs_abcdef123"));
        assertThat(m.apply("by Jane Doe-Smith with ghs_abcdef123")).isEqualTo("by Jane Doe-Smith with ***");
    }

    @Test
    void secretInNamesTheVariable() {
        assertThat(MASK.secretIn("x" + TOKEN)).contains("MLFLOW_TRACKING_TOKEN");
        assertThat(MASK.secretIn("/home/ci")).isEmpty();
    }

    @Test
    void aResultIsMaskedInEveryTextAndKeyAndReadsBack() {
        StepResult r = StepResult.builder("train")
                .verdict(Verdict.ERROR)
                .exitCode(3)
                .summary("failed with " + TOKEN)
                .error(new ErrorInfo(ErrorKind.INFRASTRUCTURE, "server said: Bearer " + TOKEN, null))
                .criterion(Criterion.builder("c")
                        .metric("m")
                        .rule("min")
                        .status(Status.PASS)
                        .message("fine")
                        .build())
                .section(new ReportSection(
                        "Parameters",
                        null,
                        new ReportSection.Table(List.of("param", "value"), List.of(List.of("tok", TOKEN))),
                        null,
                        true))
                .output(TOKEN, Map.of("nested", List.of(TOKEN, 1.5, Double.NaN)))
                .build();
        StepResult masked = MASK.apply(r);
        String json = io.mlopsci.core.io.Json.string(masked);
        assertThat(json).doesNotContain(TOKEN).contains("Bearer ***").contains("\"***\"");
        assertThat(masked.criteria()).hasSize(1);
        assertThat(masked.sections().get(0).table().rows().get(0)).containsExactly("tok", "***");
        StepResult clean = StepResult.builder("x").verdict(Verdict.PASS).build();
        assertThat(MASK.apply(clean)).isSameAs(clean);
    }
}
