package dev.tessera.system;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Turns Tessera's start-up refusals, and a taken web port, into Spring Boot's "APPLICATION FAILED
 * TO START" report: what is wrong and which setting to change, with no stack trace (that stays at
 * DEBUG). Registered in {@code META-INF/spring.factories}; ordered before Boot's own analyzers so
 * the port message names {@code SERVER_PORT}.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class StartupFailureAnalyzer implements FailureAnalyzer {

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof StartupRefusal refusal) {
                return new FailureAnalysis(refusal.getMessage(), refusal.action(), refusal);
            }
            if (cause instanceof PortInUseException taken) {
                StartupRefusal refusal = StartupRefusal.portInUse(taken.getPort(), "the console and management API",
                        "SERVER_PORT", taken);
                return new FailureAnalysis(refusal.getMessage(), refusal.action(), taken);
            }
        }
        return null;
    }
}
