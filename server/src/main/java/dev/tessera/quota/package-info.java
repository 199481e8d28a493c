/**
 * Quota metering: the policy per access level, the in-memory usage windows the data plane charges,
 * their flushing to the database and the usage reports. Owns {@code usage_minutes}; reads the level through
 * {@code access.AccessLevels} and does not decide requests (verify does).
 */
package dev.tessera.quota;
