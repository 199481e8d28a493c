package dev.tessera.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.quota.UsageReports;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The geometry of the server-drawn usage chart: no browser needed. */
class ConsoleUsageChartTests {

    private static final Instant START = Instant.parse("2026-11-25T04:00:00Z");

    @Test
    void barsStackRejectedOnAcceptedUnderTheTopGridLine() {
        List<UsageReports.Period> periods = hours(24);
        periods.set(23, new UsageReports.Period(START.plusSeconds(23 * 3600), 30, 90, 5, 3, 2));
        periods.set(10, new UsageReports.Period(START.plusSeconds(10 * 3600), 4, 4, 0, 0, 0));
        UsageChart chart = UsageChart.hourly(periods);

        assertThat(chart.bars()).hasSize(24);
        UsageChart.Bar busiest = chart.bars().get(23);
        double baseline = Double.parseDouble(chart.ticks().get(0).y());
        double top = Double.parseDouble(chart.ticks().get(2).y());
        assertThat(chart.ticks()).extracting(UsageChart.Tick::value).containsExactly("0", "25", "50");
        assertThat(Double.parseDouble(busiest.acceptedY()) + Double.parseDouble(busiest.acceptedHeight()))
                .isCloseTo(baseline, org.assertj.core.data.Offset.offset(0.11));
        assertThat(Double.parseDouble(busiest.rejectedY()) + Double.parseDouble(busiest.rejectedHeight()))
                .isCloseTo(Double.parseDouble(busiest.acceptedY()), org.assertj.core.data.Offset.offset(0.11));
        assertThat(Double.parseDouble(busiest.rejectedY())).isGreaterThanOrEqualTo(top);
        assertThat(busiest.tip()).isEqualTo("03:00–04:00 UTC: 30 accepted, 10 rejected");
        assertThat(chart.summary()).isEqualTo("34 requests accepted and 10 rejected in all. Busiest hour: "
                + "03:00–04:00 UTC, with 40 requests.");
        assertThat(chart.rows().get(23)).isEqualTo(new UsageChart.Row("03:00–04:00 UTC", "30", "90", "5", "3", "2"));
    }

    @Test
    void theLastPeriodIsLabelledAndItsLabelEndsInsideTheChart() {
        UsageChart chart = UsageChart.hourly(hours(24));
        assertThat(chart.labels()).extracting(UsageChart.AxisLabel::text)
                .containsExactly("09:00", "15:00", "21:00", "03:00");
        assertThat(chart.labels().get(3).anchor()).isEqualTo("end");
        assertThat(Double.parseDouble(chart.labels().get(3).x())).isLessThanOrEqualTo(UsageChart.WIDTH);
        assertThat(chart.summary()).isEqualTo("No requests in this period.");
    }

    @Test
    void axisValuesStayShort() {
        assertThat(UsageChart.niceTop(0)).isEqualTo(4);
        assertThat(UsageChart.niceTop(11)).isEqualTo(20);
        assertThat(UsageChart.niceTop(15_000)).isEqualTo(20_000);
        assertThat(UsageChart.compact(10_000)).isEqualTo("10k");
        assertThat(UsageChart.compact(2_500)).isEqualTo("2.5k");
        assertThat(UsageChart.compact(5_000_000)).isEqualTo("5M");
        assertThat(UsageChart.count(15_000)).isEqualTo("15,000");
    }

    private static List<UsageReports.Period> hours(int count) {
        List<UsageReports.Period> periods = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            periods.add(new UsageReports.Period(START.plusSeconds(i * 3600L), 0, 0, 0, 0, 0));
        }
        return periods;
    }
}
