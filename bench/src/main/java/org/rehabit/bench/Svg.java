package org.rehabit.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Two small SVG charts, written by hand so the report needs no plotting library. */
final class Svg {

    private static final String[] COLOURS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"};
    private static final int W = 720;
    private static final int H = 400;
    private static final int LEFT = 60;
    private static final int RIGHT = 200;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;

    private Svg() {
    }

    /** One line per series over categorical x values (evenly spaced), y from 0. */
    static String lines(String title, String xLabel, List<String> xs, Map<String, List<Double>> series) {
        Map<String, List<Double>> sorted = new TreeMap<>(series);
        double max = sorted.values().stream().flatMap(List::stream).mapToDouble(Double::doubleValue).max().orElse(1);
        max = niceMax(max);
        StringBuilder svg = start(title);
        axes(svg, max);
        int plotW = W - LEFT - RIGHT;
        int plotH = H - TOP - BOTTOM;
        for (int i = 0; i < xs.size(); i++) {
            double x = LEFT + (xs.size() == 1 ? plotW / 2.0 : i * plotW / (double) (xs.size() - 1));
            svg.append(text(x, H - BOTTOM + 18, xs.get(i), "middle"));
        }
        svg.append(text(LEFT + plotW / 2.0, H - 8, xLabel, "middle"));
        int c = 0;
        for (Map.Entry<String, List<Double>> e : sorted.entrySet()) {
            String colour = COLOURS[c % COLOURS.length];
            StringBuilder points = new StringBuilder();
            List<Double> ys = e.getValue();
            for (int i = 0; i < ys.size(); i++) {
                double x = LEFT + (ys.size() == 1 ? plotW / 2.0 : i * plotW / (double) (ys.size() - 1));
                double y = TOP + plotH - ys.get(i) / max * plotH;
                points.append(fmt(x)).append(',').append(fmt(y)).append(' ');
                svg.append("<circle cx=\"").append(fmt(x)).append("\" cy=\"").append(fmt(y))
                        .append("\" r=\"3\" fill=\"").append(colour).append("\"/>\n");
            }
            svg.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"2\" points=\"")
                    .append(points).append("\"/>\n");
            legend(svg, c, e.getKey(), colour);
            c++;
        }
        return svg.append("</svg>\n").toString();
    }

    /** Pairs of bars (p50, p99) per measurement. */
    static String bars(String title, List<String> names, List<Double> p50, List<Double> p99) {
        double max = niceMax(p99.stream().mapToDouble(Double::doubleValue).max().orElse(1));
        int height = Math.max(H, TOP + BOTTOM + names.size() * 26);
        StringBuilder svg = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + W
                + "\" height=\"" + height + "\" font-family=\"sans-serif\" font-size=\"11\">\n"
                + "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n" + text(W / 2.0, 20, title, "middle"));
        int labelW = 250;
        int plotW = W - labelW - 40;
        for (int i = 0; i < names.size(); i++) {
            double y = TOP + i * 26;
            svg.append(text(labelW - 6, y + 14, names.get(i), "end"));
            double w50 = p50.get(i) / max * plotW;
            double w99 = p99.get(i) / max * plotW;
            svg.append("<rect x=\"").append(labelW).append("\" y=\"").append(fmt(y + 2)).append("\" width=\"")
                    .append(fmt(w99)).append("\" height=\"18\" fill=\"#ff7f0e\"/>\n");
            svg.append("<rect x=\"").append(labelW).append("\" y=\"").append(fmt(y + 6)).append("\" width=\"")
                    .append(fmt(w50)).append("\" height=\"10\" fill=\"#1f77b4\"/>\n");
            svg.append(text(labelW + w99 + 4, y + 14, fmt(p50.get(i)) + " / " + fmt(p99.get(i)), "start"));
        }
        svg.append(text(labelW, height - 10, "blue: p50, orange: p99; axis 0 to " + fmt(max) + " ms", "start"));
        return svg.append("</svg>\n").toString();
    }

    private static StringBuilder start(String title) {
        return new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + W + "\" height=\"" + H
                + "\" font-family=\"sans-serif\" font-size=\"12\">\n<rect width=\"100%\" height=\"100%\" "
                + "fill=\"white\"/>\n" + text(W / 2.0, 22, title, "middle"));
    }

    private static void axes(StringBuilder svg, double max) {
        int plotH = H - TOP - BOTTOM;
        svg.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(TOP).append("\" x2=\"").append(LEFT)
                .append("\" y2=\"").append(H - BOTTOM).append("\" stroke=\"black\"/>\n");
        svg.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(H - BOTTOM).append("\" x2=\"")
                .append(W - RIGHT).append("\" y2=\"").append(H - BOTTOM).append("\" stroke=\"black\"/>\n");
        for (int i = 0; i <= 4; i++) {
            double v = max * i / 4;
            double y = TOP + plotH - plotH * i / 4.0;
            svg.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(fmt(y)).append("\" x2=\"")
                    .append(W - RIGHT).append("\" y2=\"").append(fmt(y)).append("\" stroke=\"#ddd\"/>\n");
            svg.append(text(LEFT - 6, y + 4, fmt(v), "end"));
        }
    }

    private static void legend(StringBuilder svg, int i, String name, String colour) {
        double y = TOP + 10 + i * 20;
        svg.append("<rect x=\"").append(W - RIGHT + 15).append("\" y=\"").append(fmt(y - 9))
                .append("\" width=\"12\" height=\"12\" fill=\"").append(colour).append("\"/>\n");
        svg.append(text(W - RIGHT + 32, y + 1, name, "start"));
    }

    private static String text(double x, double y, String s, String anchor) {
        return "<text x=\"" + fmt(x) + "\" y=\"" + fmt(y) + "\" text-anchor=\"" + anchor + "\">"
                + s.replace("&", "&amp;").replace("<", "&lt;") + "</text>\n";
    }

    private static double niceMax(double max) {
        if (max <= 0) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(max)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= max) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, v >= 100 ? "%.0f" : "%.1f", v);
    }
}
