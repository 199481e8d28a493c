package dev.tessera.verify;

import dev.tessera.dataplane.RequestIds;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DataPlaneProtocolTests {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/v23/customers/1234567890/googleAds:search | 1234567890",
        "/v23/customers/123-456-7890/campaigns:mutate | 1234567890",
        "/v9/customers/1234567890:mutate | 1234567890",
        "/v23/customers/1234567890?x=1 | 1234567890",
        "/v23/customers:listAccessibleCustomers | 0",
        "/v23/googleAdsFields:search | 0",
        "/health | 0",
        "/v23/customers/12a4567890/googleAds:search | -1",
        "/v23/customers//googleAds:search | -1",
    })
    void readsTheCustomerIdOfAGoogleAdsStylePath(String uri, long expected) {
        assertThat(DataPlaneProtocol.customerFromUri(uri)).isEqualTo(expected);
    }

    @Test
    void errorBodiesHaveTheGoogleAdsShape() {
        JsonNode body = JsonMapper.builder().build().readTree(
                new String(DataPlaneProtocol.errorBody(RefusalReason.TOKEN_INVALID, "req-1"), StandardCharsets.UTF_8));
        assertThat(body.at("/error/code").asInt()).isEqualTo(401);
        assertThat(body.at("/error/status").asString()).isEqualTo("UNAUTHENTICATED");
        assertThat(body.at("/error/details/0/@type").asString()).endsWith("errors.GoogleAdsFailure");
        assertThat(body.at("/error/details/0/errors/0/errorCode/authenticationError").asString())
                .isEqualTo("DEVELOPER_TOKEN_INVALID");
        assertThat(body.at("/error/details/0/requestId").asString()).isEqualTo("req-1");
    }

    @Test
    void requestIdsAre22UrlSafeCharacters() {
        assertThat(RequestIds.next()).matches("[A-Za-z0-9_-]{22}").isNotEqualTo(RequestIds.next());
    }
}
