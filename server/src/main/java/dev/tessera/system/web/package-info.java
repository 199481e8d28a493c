/**
 * The shared web edge: the security filter chains, request limits, the {@code @ManagementApi}
 * marker and its advice, which alone (with {@link dev.tessera.system.web.ErrorStatus}) turns a
 * {@code TesseraException} into a status and an RFC 9457 problem detail. Holds no domain rule.
 */
package dev.tessera.system.web;
