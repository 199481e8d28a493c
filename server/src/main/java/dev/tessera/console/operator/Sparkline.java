package dev.tessera.console.operator;

import dev.tessera.console.UsageChart;
import dev.tessera.quota.UsageReports;
import java.util.List;

/**
 * Thirty days of an account's accepted requests as a small inline SVG line (drawn by the server,
 * so the strict CSP holds), with the same figures in words for screen readers.
 */
record Sparkline(String points, String summary) {

    static final int WIDTH = 120;
    static final int HEIGHT = 24;

    static Sparkline of(List<UsageReports.Period> days) {
        long max = days.stream().mapToLong(UsageReports.Period::acceptedRequests).max().orElse(0);
        long accepted = days.stream().mapToLong(UsageReports.Period::acceptedRequests).sum();
        long rejected = days.stream().mapToLong(UsageReports.Period::rejected).sum();
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < days.size(); i++) {
            double x = days.size() == 1 ? 0 : (double) WIDTH * i / (days.size() - 1);
            double y = HEIGHT - 2 - (max == 0 ? 0 : (HEIGHT - 4.0) * days.get(i).acceptedRequests() / max);
            points.append(i == 0 ? "" : " ").append(Math.round(x * 10) / 10.0).append(',').append(Math.round(y * 10) / 10.0);
        }
        return new Sparkline(points.toString(), "Last " + days.size() + " days: " + UsageChart.count(accepted)
                + " requests accepted, " + UsageChart.count(rejected) + " rejected.");
    }
}
