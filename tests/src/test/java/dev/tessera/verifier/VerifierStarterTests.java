package dev.tessera.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Api;
import dev.tessera.testing.RunningTessera;
import dev.tessera.testing.Scenario;
import dev.tessera.testing.Storage;
import dev.tessera.testing.TestDatabase;
import dev.tessera.verifier.spring.TesseraVerifierAutoConfiguration;
import dev.tessera.verifier.spring.TesseraVerifierFilterAutoConfiguration;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

/**
 * The Spring Boot starter (issue 13): with {@code tessera.verifier.url} and {@code api-key}, a servlet
 * application gets a started verifier, following a real Tessera, and its filter on {@code /*}; without
 * a URL, nothing.
 */
class VerifierStarterTests {

    private static final WebApplicationContextRunner APP = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(TesseraVerifierAutoConfiguration.class,
                    TesseraVerifierFilterAutoConfiguration.class));

    @Test
    void withAUrlAndAKeyAServletAppGetsAStartedVerifierAndItsFilter() {
        try (RunningTessera tessera = RunningTessera.start(TestDatabase.fresh(Storage.H2))) {
            Scenario scenario = new Scenario(tessera);
            Scenario.Account account = scenario.account("starter");
            String token = scenario.issueToken(account);
            Api.Reply key = tessera.operator().post("/api/v1/api-keys", Map.of("name", "starter", "scope", "verifier"));
            APP.withPropertyValues("tessera.verifier.url=" + tessera.baseUrl(), "tessera.verifier.api-key=" + key.text("apiKey"),
                    "spring.application.name=starter-app").run(context -> {
                        assertThat(context).hasNotFailed().hasSingleBean(TesseraVerifier.class);
                        FilterRegistrationBean<?> filter = context.getBean("tesseraVerifierFilter", FilterRegistrationBean.class);
                        assertThat(filter.getFilter()).isInstanceOf(TesseraVerifierFilter.class);
                        assertThat(filter.getUrlPatterns()).containsExactly("/*");
                        TesseraVerifier verifier = context.getBean(TesseraVerifier.class);
                        assertThat(verifier.awaitCurrent(Duration.ofSeconds(30))).as("current").isTrue();
                        assertThat(verifier.verify(token, 0, null).granted()).isTrue();
                        Api.Reply reset = scenario.reset(account, "starter");
                        assertThat(reset.json().get("propagation").get("acknowledged").toString()).contains("verifier:starter-app");
                        assertThat(verifier.verify(token, 0, null).refusal()).isEqualTo(Refusal.TOKEN_INVALID);
                    });
        }
        APP.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(TesseraVerifier.class));
    }
}
