package dev.tessera.quota;

import dev.tessera.access.AccessLevel;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What each access level may do: daily operation limits (sliding 24 h) and the services EXPLORER may
 * not call. Bound from {@code tessera.access.*}; the defaults follow the Google Ads API. A limit of
 * -1 means unlimited.
 *
 * @param restrictedServices entries are {@code Service} (every method) or {@code Service.Method};
 *     matched without regard to case
 * @param usageFlushInterval how often usage counts are written to the database; a crash loses at
 *     most this much usage
 */
@ConfigurationProperties("tessera.access")
public record AccessPolicy(
        Long testAccountDailyOperations,
        Long explorerProductionDailyOperations,
        Long explorerTestDailyOperations,
        Long basicDailyOperations,
        Long standardDailyOperations,
        List<String> restrictedServices,
        Duration usageFlushInterval) {

    static final List<String> DEFAULT_RESTRICTED = List.of(
            "CustomerService.CreateCustomerClient", "CustomerUserAccessService", "CustomerUserAccessInvitationService",
            "KeywordPlanIdeaService", "ReachPlanService", "AudienceInsightsService", "BillingSetupService",
            "PaymentsAccountService");

    public AccessPolicy {
        testAccountDailyOperations = orDefault(testAccountDailyOperations, 15_000L);
        explorerProductionDailyOperations = orDefault(explorerProductionDailyOperations, 2_880L);
        explorerTestDailyOperations = orDefault(explorerTestDailyOperations, 15_000L);
        basicDailyOperations = orDefault(basicDailyOperations, 15_000L);
        standardDailyOperations = orDefault(standardDailyOperations, -1L);
        restrictedServices = List.copyOf(restrictedServices == null ? DEFAULT_RESTRICTED : restrictedServices);
        usageFlushInterval = usageFlushInterval == null ? Duration.ofSeconds(5) : usageFlushInterval;
    }

    /** The policy with every default. */
    public static AccessPolicy defaults() {
        return new AccessPolicy(null, null, null, null, null, null, null);
    }

    /** The daily limit of a level on a test or production customer; {@link QuotaLedger#UNLIMITED} for none. */
    public long dailyLimit(AccessLevel level, boolean testCustomer) {
        long limit = switch (level) {
            case TEST_ACCOUNT -> testAccountDailyOperations;
            case EXPLORER -> testCustomer ? explorerTestDailyOperations : explorerProductionDailyOperations;
            case BASIC -> basicDailyOperations;
            case STANDARD -> standardDailyOperations;
        };
        return limit < 0 ? QuotaLedger.UNLIMITED : limit;
    }

    /** A matcher of restricted services, built once: call it on the hot path. */
    public RestrictedServices restricted() {
        Map<String, String> entries = restrictedServices.stream()
                .map(String::strip)
                .collect(Collectors.toUnmodifiableMap(entry -> entry.toLowerCase(Locale.ROOT), entry -> entry,
                        (first, second) -> first));
        return new RestrictedServices(entries);
    }

    /** Whether a level may call a service at all. Only EXPLORER is restricted. */
    public static boolean isRestrictedLevel(AccessLevel level) {
        return level == AccessLevel.EXPLORER;
    }

    private static Long orDefault(Long value, long fallback) {
        return value == null ? fallback : value;
    }

    /** Matches a request's {@code Service} or {@code Service.Method} against the restricted list. */
    public record RestrictedServices(Map<String, String> entries) {

        /** The restricted entry (as configured) that the service falls under, or null. */
        public String match(String service) {
            if (service == null || service.isEmpty()) {
                return null;
            }
            String lower = service.toLowerCase(Locale.ROOT);
            String entry = entries.get(lower);
            if (entry != null) {
                return entry;
            }
            int dot = lower.indexOf('.');
            return dot > 0 ? entries.get(lower.substring(0, dot)) : null;
        }
    }
}
