package io.mlopsci.core.deploy.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The query placeholders. */
class PrometheusMetricsTest {

    @Test
    void fillsInThePlaceholders() {
        Window w = new Window(2, 50, 1, 0, 29_600_000_000L, "fraud", "7", "6");
        assertThat(PrometheusMetrics.render(
                        "rate(x{model=\"{{model}}\",version=\"{{canary_version}}\"}[{{window}}])"
                                + " / rate(x{version=\"{{stable_version}}\"}[{{window}}]) * {{weight}}",
                        w))
                .isEqualTo("rate(x{model=\"fraud\",version=\"7\"}[30s]) / rate(x{version=\"6\"}[30s]) * 50");
        Window tiny = new Window(1, 10, 1, 0, 200_000_000L, "m", "2", null);
        assertThat(PrometheusMetrics.render("[{{window}}] {{stable_version}}", tiny))
                .isEqualTo("[1s] ");
    }
}
