package dev.tessera.dataplane;

import dev.tessera.access.AccessLevel;
import dev.tessera.quota.AccessPolicy;
import dev.tessera.quota.QuotaLedger;
import dev.tessera.system.CoarseClock;
import dev.tessera.token.TokenHasher;
import dev.tessera.token.TokenPepper;
import dev.tessera.verify.ClientAccountIndex;
import dev.tessera.verify.DataPlane;
import dev.tessera.verify.TokenIndex;
import dev.tessera.verify.Verifier;
import java.security.SecureRandom;
import java.util.Base64;
import tools.jackson.databind.json.JsonMapper;

/**
 * The data-plane decision built from its real parts without the application (token index, HMAC
 * hasher, access policy, quota ledger), with two active tokens: one at STANDARD (no daily limit) and
 * one at BASIC (15,000 operations a day). For the listener's own tests and benchmarks.
 */
public final class StandaloneDataPlane {

    public static final long STANDARD_ACCOUNT = 1234567890L;
    public static final long BASIC_ACCOUNT = 2345678901L;

    public final DataPlane dataPlane;
    public final String standardToken;
    public final String basicToken;

    public StandaloneDataPlane() {
        SecureRandom random = new SecureRandom();
        byte[] pepper = new byte[32];
        random.nextBytes(pepper);
        TokenHasher hasher = new TokenHasher(TokenPepper.fromBase64(Base64.getEncoder().encodeToString(pepper)));
        TokenIndex index = new TokenIndex();
        standardToken = token(random);
        basicToken = token(random);
        index.activate(STANDARD_ACCOUNT, 1, hasher.digest(standardToken), AccessLevel.STANDARD);
        index.activate(BASIC_ACCOUNT, 1, hasher.digest(basicToken), AccessLevel.BASIC);
        Verifier verifier = new Verifier(hasher, index, new ClientAccountIndex(), AccessPolicy.defaults(),
                new QuotaLedger(CoarseClock.systemUTC()));
        dataPlane = new DataPlane(verifier, JsonMapper.builder().build());
    }

    /** A well-formed token: 16 random bytes in base64url, 22 characters. */
    public static String token(SecureRandom random) {
        byte[] bits = new byte[16];
        random.nextBytes(bits);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
    }
}
