package io.mlopsci.core.report;

import io.mlopsci.contract.result.Numbers;
import io.mlopsci.contract.result.ReportSection;
import java.util.List;
import java.util.Locale;

/**
 * Draws a {@link ReportSection.Chart} as inline SVG: a line chart (history) or grouped bars
 * (histograms), with axes, tick labels and a legend. No scripts, no external assets.
 */
public final class SvgChart {

    private static final String[] COLORS = {"#1f6feb", "#d29922", "#2da44e", "#cf222e", "#8250df", "#57606a"};
    private static final int WIDTH = 640;
    private static final int HEIGHT = 260;
    private static final int LEFT = 64;
    private static final int RIGHT = 16;
    private static final int TOP = 28;
    private static final int BOTTOM = 56;

    private SvgChart() {}

    public static String render(ReportSection.Chart chart) {
        boolean bars = "bar".equals(chart.kind());
        ChartScale scale = ChartScale.of(chart);
        double min = scale.min();
        double max = scale.max();
        double plotW = WIDTH - LEFT - RIGHT;
        double plotH = HEIGHT - TOP - BOTTOM;
        int n = chart.x().size();
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"%s\">",
                WIDTH,
                HEIGHT,
                WIDTH,
                HEIGHT,
                Html.escape(chart.title() == null ? "chart" : chart.title())));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>");
        if (chart.title() != null) {
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%d\" y=\"18\" font-size=\"13\" font-weight=\"600\">%s</text>",
                    LEFT,
                    Html.escape(chart.title())));
        }
        for (int i = 0; i <= 4; i++) {
            double v = min + (max - min) * i / 4;
            double y = TOP + plotH - plotH * i / 4;
            svg.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#d0d7de\" stroke-width=\"1\"/>",
                    LEFT,
                    WIDTH - RIGHT,
                    y,
                    y));
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%d\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\" fill=\"#57606a\">%s</text>",
                    LEFT - 6,
                    y + 3,
                    Html.escape(Numbers.value(v))));
        }
        double slot = n == 0 ? plotW : plotW / n;
        for (int i = 0; i < n; i++) {
            // Show at most ~16 x labels so they stay readable.
            if (n > 16 && i % (int) Math.ceil(n / 16.0) != 0) {
                continue;
            }
            double x = LEFT + slot * i + slot / 2;
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"end\" fill=\"#57606a\" transform=\"rotate(-30 %.1f %d)\">%s</text>",
                    x,
                    HEIGHT - BOTTOM + 14,
                    x,
                    HEIGHT - BOTTOM + 14,
                    Html.escape(shorten(chart.x().get(i)))));
        }
        List<ReportSection.Series> series = chart.series();
        for (int s = 0; s < series.size(); s++) {
            String color = COLORS[s % COLORS.length];
            List<Double> values = series.get(s).values();
            if (bars) {
                double groupW = slot * 0.8;
                double barW = groupW / Math.max(1, series.size());
                for (int i = 0; i < n; i++) {
                    Double v = values.get(i);
                    if (v == null || !Double.isFinite(v)) {
                        continue;
                    }
                    double x = LEFT + slot * i + slot * 0.1 + barW * s;
                    double y0 = y(0, min, max, plotH);
                    double y1 = y(v, min, max, plotH);
                    svg.append(String.format(
                            Locale.ROOT,
                            "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s</title></rect>",
                            x,
                            Math.min(y0, y1),
                            Math.max(0.5, barW - 1),
                            Math.abs(y0 - y1),
                            color,
                            Html.escape(series.get(s).name() + " " + chart.x().get(i) + ": " + Numbers.value(v))));
                }
            } else {
                StringBuilder points = new StringBuilder();
                for (int i = 0; i < n; i++) {
                    Double v = values.get(i);
                    if (v == null || !Double.isFinite(v)) {
                        continue;
                    }
                    double x = LEFT + slot * i + slot / 2;
                    double y = y(v, min, max, plotH);
                    points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
                    svg.append(String.format(
                            Locale.ROOT,
                            "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"><title>%s</title></circle>",
                            x,
                            y,
                            color,
                            Html.escape(series.get(s).name() + " " + chart.x().get(i) + ": " + Numbers.value(v))));
                }
                svg.append(String.format(
                        Locale.ROOT,
                        "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>",
                        points.toString().trim(),
                        color));
            }
            double lx = LEFT + 8 + s * 140;
            svg.append(String.format(
                    Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>",
                    lx,
                    HEIGHT - 14,
                    color));
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%d\" font-size=\"11\">%s</text>",
                    lx + 14,
                    HEIGHT - 5,
                    Html.escape(shorten(series.get(s).name()))));
        }
        svg.append("</svg>");
        return svg.toString();
    }

    private static double y(double v, double min, double max, double plotH) {
        return TOP + plotH - (v - min) / (max - min) * plotH;
    }

    private static String shorten(String s) {
        return s.length() <= 18 ? s : s.substring(0, 17) + "…";
    }
}
