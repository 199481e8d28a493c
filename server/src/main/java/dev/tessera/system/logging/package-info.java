/**
 * Log output without secrets: every line Tessera writes (its own, Spring's, Tomcat's, Netty's) passes
 * through {@link dev.tessera.system.logging.LogRedaction} in the encoder configured by
 * {@code logback-spring.xml}, which masks token-shaped values.
 */
package dev.tessera.system.logging;
