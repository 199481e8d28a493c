package dev.tessera.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.access.AccessLevel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Issue 18: a 429 is encoded once per level, limit and retry delay, not once per request. */
class RefusalCacheTests {

    @Test
    void usedUpQuotaIsTheSameRefusalUntilItsRetryDelayChanges() {
        RefusalCache cache = new RefusalCache();
        DetailedRefusal first = cache.quotaExhausted(3600, AccessLevel.BASIC, 15_000);
        assertThat(cache.quotaExhausted(3600, AccessLevel.BASIC, 15_000)).isSameAs(first);
        DetailedRefusal later = cache.quotaExhausted(3599, AccessLevel.BASIC, 15_000);
        assertThat(later).isNotSameAs(first);
        assertThat(later.retryAfterSeconds()).isEqualTo(3599);
        String body = new String(later.errorBody("req"), StandardCharsets.UTF_8);
        assertThat(body).contains("retry in 3599 s.").contains("\"retryDelay\":\"3599s\"").contains("\"requestId\":\"req\"")
                .contains("15000 operations in 24 hours at BASIC access");
        assertThat(cache.quotaExhausted(3599, AccessLevel.EXPLORER, 15_000).message()).contains("EXPLORER");
        assertThat(cache.quotaExhausted(3599, AccessLevel.BASIC, 2_880).message()).contains("2880 operations");
    }

    @Test
    void restrictedServiceRefusalNamesItsServiceAndIsReused() {
        RefusalCache cache = new RefusalCache();
        DetailedRefusal reach = cache.prohibited("ReachPlanService", AccessLevel.EXPLORER);
        assertThat(cache.prohibited("ReachPlanService", AccessLevel.EXPLORER)).isSameAs(reach);
        assertThat(reach.message()).contains("ReachPlanService");
        assertThat(cache.prohibited("KeywordPlanIdeaService", AccessLevel.EXPLORER).message()).contains("KeywordPlanIdeaService");
        assertThat(new String(reach.errorBodyPrefix(), StandardCharsets.UTF_8) + "id"
                + new String(reach.errorBodySuffix(), StandardCharsets.UTF_8))
                .isEqualTo(new String(reach.errorBody("id"), StandardCharsets.UTF_8));
    }
}
