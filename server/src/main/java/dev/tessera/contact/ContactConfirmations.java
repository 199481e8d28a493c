package dev.tessera.contact;

import dev.tessera.system.Timestamps;
import dev.tessera.audit.Actor;
import dev.tessera.audit.AuditEventType;
import dev.tessera.audit.AuditLog;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Confirmation links. A link's secret (256 random bits) exists only in the mail sent; the database
 * keeps its SHA-256 digest. A link works once, within {@code tessera.contact.confirmation-validity}
 * of being sent, and only while its address is still the account's contact email. The secret is
 * never logged.
 */
@Component
class ContactConfirmations {

    /** What opening a link did. */
    enum Outcome { CONFIRMED, ALREADY_USED, EXPIRED, SUPERSEDED, UNKNOWN }

    /** The outcome and the account it concerns (null when unknown). */
    record Result(Outcome outcome, Long accountId) {}

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final ContactRepository contacts;
    private final ContactProperties properties;
    private final AuditLog audit;
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final TransactionTemplate tx;

    ContactConfirmations(ContactRepository contacts, ContactProperties properties, AuditLog audit, Clock clock,
            PlatformTransactionManager transactions) {
        this.contacts = contacts;
        this.properties = properties;
        this.audit = audit;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
    }

    /** Stores a new link for the address and answers its secret, to be put in the mail at once. */
    String mint(long accountId, String email) {
        byte[] bits = new byte[32];
        random.nextBytes(bits);
        String secret = ENCODER.encodeToString(bits);
        Instant now = Timestamps.now(clock);
        contacts.insertConfirmation(accountId, email, digest(secret), now, now.plus(properties.confirmationValidity()));
        return secret;
    }

    /** Uses a link: confirms its address when the link is known, unused, unexpired and still current. */
    Result confirm(String secret, String clientIp) {
        if (secret == null || secret.length() != 43) {
            return new Result(Outcome.UNKNOWN, null);
        }
        return tx.execute(status -> {
            Optional<ContactRepository.Confirmation> found = contacts.lockConfirmation(digest(secret));
            if (found.isEmpty()) {
                return new Result(Outcome.UNKNOWN, null);
            }
            ContactRepository.Confirmation link = found.get();
            Instant now = Timestamps.now(clock);
            Outcome outcome;
            if (link.usedAt() != null) {
                outcome = Outcome.ALREADY_USED;
            } else if (!now.isBefore(link.expiresAt())) {
                outcome = Outcome.EXPIRED;
            } else if (!contacts.find(link.accountId()).map(c -> c.email().equals(link.email())).orElse(false)) {
                outcome = Outcome.SUPERSEDED;
            } else {
                contacts.markUsed(link.id(), now);
                contacts.markConfirmed(link.accountId(), now);
                audit.record(link.accountId(), AuditEventType.CONTACT_EMAIL_CONFIRMED, new Actor(null, clientIp),
                        Map.of("apiContactEmail", link.email()));
                outcome = Outcome.CONFIRMED;
            }
            return new Result(outcome, link.accountId());
        });
    }

    static byte[] digest(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
