/**
 * Tessera's embedded verifier: checks developer tokens inside a Java API's own process, with no
 * network hop per request, and is as fresh as a Tessera node. {@link dev.tessera.verifier.TesseraVerifier}
 * follows the server's verifier feed under a lease (a reset returns only once this process applied
 * it or stopped serving) and decides as the data plane does; {@link dev.tessera.verifier.TesseraVerifierFilter}
 * (Servlet) and {@link dev.tessera.verifier.TesseraVerifierInterceptor} (gRPC) put it in front of an API.
 * Depends on nothing but the JDK (and, for those two, the API the server already has).
 */
package dev.tessera.verifier;
