package dev.tessera.verifier.spring;

import dev.tessera.verifier.TesseraVerifier;
import dev.tessera.verifier.TesseraVerifierFilter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * In a servlet application with a {@link TesseraVerifier}: its {@link TesseraVerifierFilter} on
 * {@code tessera.verifier.url-patterns} ({@code /*}), ahead of the application's own filters. A
 * top-level auto-configuration of its own (not a nested class), so an application that scans
 * {@code dev.tessera} never picks it up without its conditions.
 */
@AutoConfiguration(after = TesseraVerifierAutoConfiguration.class)
@ConditionalOnProperty(prefix = "tessera.verifier", name = "url")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = "jakarta.servlet.Filter")
@ConditionalOnBean(TesseraVerifier.class)
public class TesseraVerifierFilterAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "tesseraVerifierFilter")
    FilterRegistrationBean<TesseraVerifierFilter> tesseraVerifierFilter(TesseraVerifier verifier,
            TesseraVerifierProperties properties) {
        FilterRegistrationBean<TesseraVerifierFilter> registration = new FilterRegistrationBean<>(new TesseraVerifierFilter(verifier));
        registration.setUrlPatterns(properties.urlPatterns());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
