package dev.tessera.console;

import dev.tessera.quota.UsageReports;

/** A quota pool as a meter: used against the limit, or "unlimited". */
public record QuotaMeter(String pool, String label, Long limit, String summary, String left, int percent, String level) {

    public static QuotaMeter of(UsageReports.Quota quota) {
        String label = switch (quota.pool()) {
            case "PRODUCTION_ACCOUNTS" -> "Production accounts";
            case "TEST_ACCOUNTS" -> "Test accounts";
            default -> "All accounts";
        };
        int percent = quota.limit() == null || quota.limit() == 0 ? 0
                : (int) Math.min(100, Math.round(100.0 * quota.used() / quota.limit()));
        if (quota.limit() != null && quota.used() > 0 && percent == 0) {
            percent = 1;
        }
        String level = percent >= 90 ? "high" : percent >= 70 ? "mid" : "low";
        String used = UsageChart.count(quota.used());
        String summary = quota.limit() == null ? used + " operations · no daily limit"
                : used + " of " + UsageChart.count(quota.limit()) + " operations used";
        String left = quota.remaining() == null ? null
                : UsageChart.count(quota.remaining()) + " left · " + percent + "% used";
        return new QuotaMeter(quota.pool(), label, quota.limit(), summary, left, percent, level);
    }
}
