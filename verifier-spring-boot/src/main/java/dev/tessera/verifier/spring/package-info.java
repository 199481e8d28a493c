/**
 * Spring Boot auto-configuration of the embedded verifier: set {@code tessera.verifier.url} and
 * {@code tessera.verifier.api-key}, and a servlet application gets a started
 * {@link dev.tessera.verifier.TesseraVerifier} and its filter in front of {@code /*}.
 */
package dev.tessera.verifier.spring;
