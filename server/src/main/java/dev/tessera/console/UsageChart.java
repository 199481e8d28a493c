package dev.tessera.console;

import dev.tessera.quota.UsageReports;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A bar chart of data-plane requests, accepted and rejected stacked, drawn by the server as inline
 * SVG (no script, no chart library): the geometry is computed here, the template only places it.
 * The chart carries a title and a text summary for screen readers, and its numbers as table rows.
 */
public record UsageChart(String id, String title, String summary, List<Bar> bars, List<Tick> ticks, List<AxisLabel> labels,
        List<Row> rows, String periodName) {

    /** The viewBox; the template's grid lines and labels use the same numbers. */
    static final int WIDTH = 720;
    static final int HEIGHT = 220;
    private static final int LEFT = 50;
    private static final int RIGHT = 8;
    private static final int TOP = 22;
    private static final int BOTTOM = 34;
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    /** One period's bar: accepted from the baseline up, rejected stacked on top; {@code tip} is its tooltip. */
    record Bar(String x, String width, String acceptedY, String acceptedHeight, String rejectedY,
            String rejectedHeight, String tip) {}

    /** A horizontal grid line with its value. */
    record Tick(String y, String value) {}

    /** A period's name under the axis; the last one ends at its bar, so that it stays inside the chart. */
    record AxisLabel(String x, String text, String anchor) {}

    /** The numbers of one period, for the table. */
    record Row(String period, String acceptedRequests, String acceptedOperations, String rejectedNotApproved,
            String rejectedProhibited, String rejectedQuota) {}

    public static UsageChart hourly(List<UsageReports.Period> periods) {
        return of("usage-hourly", "Requests per hour, last 24 hours (UTC)", "hour", periods, 6, p -> {
            String start = HOUR.format(p.start());
            return new String[] {start, start + "–" + HOUR.format(p.start().plusSeconds(3600)) + " UTC"};
        });
    }

    public static UsageChart daily(List<UsageReports.Period> periods) {
        return of("usage-daily", "Requests per day, last 30 days (UTC)", "day", periods, 7, p -> {
            String day = DAY.format(p.start());
            return new String[] {day, day};
        });
    }

    private static UsageChart of(String id, String title, String periodName, List<UsageReports.Period> periods,
            int labelEvery, java.util.function.Function<UsageReports.Period, String[]> names) {
        long max = periods.stream().mapToLong(p -> p.acceptedRequests() + p.rejected()).max().orElse(0);
        long top = niceTop(max);
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        double slot = plotWidth / Math.max(1, periods.size());
        double barWidth = Math.max(1, slot * 0.72);
        List<Bar> bars = new ArrayList<>();
        List<AxisLabel> labels = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        long accepted = 0;
        long rejected = 0;
        String busiest = null;
        long busiestCount = 0;
        for (int i = 0; i < periods.size(); i++) {
            UsageReports.Period p = periods.get(i);
            String[] name = names.apply(p);
            double x = LEFT + i * slot + (slot - barWidth) / 2;
            double acceptedHeight = plotHeight * p.acceptedRequests() / top;
            double rejectedHeight = plotHeight * p.rejected() / top;
            double baseline = TOP + plotHeight;
            bars.add(new Bar(n(x), n(barWidth), n(baseline - acceptedHeight), n(acceptedHeight),
                    n(baseline - acceptedHeight - rejectedHeight), n(rejectedHeight),
                    name[1] + ": " + count(p.acceptedRequests()) + " accepted, " + count(p.rejected()) + " rejected"));
            if ((periods.size() - 1 - i) % labelEvery == 0) {
                boolean last = i == periods.size() - 1;
                labels.add(new AxisLabel(n(last ? x + barWidth : x + barWidth / 2), name[0], last ? "end" : "middle"));
            }
            rows.add(new Row(name[1], count(p.acceptedRequests()), count(p.acceptedOperations()),
                    count(p.rejectedNotApproved()), count(p.rejectedProhibited()), count(p.rejectedQuota())));
            accepted += p.acceptedRequests();
            rejected += p.rejected();
            if (p.acceptedRequests() + p.rejected() > busiestCount) {
                busiestCount = p.acceptedRequests() + p.rejected();
                busiest = name[1];
            }
        }
        List<Tick> ticks = List.of(tick(0, top, plotHeight), tick(top / 2, top, plotHeight), tick(top, top, plotHeight));
        String summary = accepted + rejected == 0
                ? "No requests in this period."
                : requests(accepted) + " accepted and " + count(rejected) + " rejected in all. Busiest " + periodName
                        + ": " + busiest + ", with " + requests(busiestCount) + ".";
        return new UsageChart(id, title, summary, bars, ticks, labels, rows, periodName);
    }

    private static Tick tick(long value, long top, double plotHeight) {
        return new Tick(n(TOP + plotHeight - plotHeight * value / top), compact(value));
    }

    /** 500, 1k, 2.5k, 10k, 1M: short enough for the axis at 375 px. */
    public static String compact(long value) {
        if (value < 1000) {
            return Long.toString(value);
        }
        double scaled = value >= 1_000_000 ? value / 1_000_000.0 : value / 1000.0;
        String unit = value >= 1_000_000 ? "M" : "k";
        return (scaled == Math.rint(scaled) ? Long.toString((long) scaled) : String.format(Locale.ROOT, "%.1f", scaled))
                + unit;
    }

    /** The smallest of 4, 10, 20, 50, 100, 200, 500 … that is at least {@code max}; even, so its half is whole. */
    static long niceTop(long max) {
        if (max <= 4) {
            return 4;
        }
        long step = 10;
        while (true) {
            for (long factor : new long[] {1, 2, 5}) {
                if (step * factor >= max) {
                    return step * factor;
                }
            }
            step *= 10;
        }
    }

    private static String n(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String requests(long value) {
        return count(value) + (value == 1 ? " request" : " requests");
    }

    public static String count(long value) {
        return String.format(Locale.ENGLISH, "%,d", value);
    }
}
