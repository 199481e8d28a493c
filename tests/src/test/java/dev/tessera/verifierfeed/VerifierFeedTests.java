package dev.tessera.verifierfeed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Api;
import dev.tessera.testing.OnEachStorage;
import dev.tessera.testing.Scenario;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The verifier feed over real HTTP (issue 13): only an operator creates a verifier key, which reads
 * the feed and nothing else; the snapshot carries every active token's digest (HMAC under the pepper
 * it also carries); a poll acknowledges its sequence, so a reset made while a verifier holds a lease
 * returns only once that verifier has applied it, and names it in the receipt.
 */
class VerifierFeedTests extends OnEachStorage {

    private static final String FEED = "/api/v1/verifier/feed";

    private static String verifierKey() {
        Api.Reply created = tessera.operator().post("/api/v1/api-keys", Map.of("name", "embedded", "scope", "verifier"));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        assertThat(created.text("scope")).isEqualTo("verifier");
        return created.text("apiKey");
    }

    private static Api bearer(String key) {
        return tessera.api().header("Authorization", "Bearer " + key);
    }

    private static List<String> lines(Api.Reply reply) {
        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        List<String> lines = Arrays.asList(reply.body().split("\n"));
        assertThat(lines.get(0)).isEqualTo("tessera-verifier-feed 1");
        assertThat(lines.get(lines.size() - 1)).startsWith("end ");
        return lines;
    }

    private static long sequence(List<String> lines) {
        return Long.parseLong(lines.get(lines.size() - 1).split(" ")[1]);
    }

    private static String digest(String pepperBase64, String token) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(pepperBase64), "HmacSHA256"));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(token.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void onlyAnOperatorCreatesAVerifierKeyAndItReadsTheFeedAndNothingElse() {
        Scenario.Account account = scenario.account("not-an-operator");
        Api.Reply refused = account.admin().api().post("/api/v1/api-keys", Map.of("name", "v", "scope", "verifier"));
        assertThat(refused.status()).as("%s", refused).isEqualTo(403);

        Api verifier = bearer(verifierKey());
        assertThat(verifier.get("/api/v1/manager-accounts").status()).isEqualTo(403);
        assertThat(verifier.get("/api/v1/api-keys").status()).isEqualTo(403);

        Api.Reply creatorKey = account.admin().api().post("/api/v1/api-keys", Map.of("name", "c"));
        Api.Reply byCreatorKey = bearer(creatorKey.text("apiKey")).get(FEED + "?instance=creator-key-1");
        assertThat(byCreatorKey.status()).as("a creator key reads no feed: %s", byCreatorKey).isEqualTo(403);
        assertThat(account.admin().api().get(FEED + "?instance=basic-user-1").status()).isEqualTo(403);
        assertThat(tessera.api().get(FEED + "?instance=anonymous-1").status()).isEqualTo(401);
    }

    @Test
    void badParametersAreRefusedWith400AndNameTheParameter() {
        Api verifier = bearer(verifierKey());
        Api.Reply noInstance = verifier.get(FEED);
        assertThat(noInstance.status()).as("%s", noInstance).isEqualTo(400);
        assertThat(noInstance.body()).contains("instance");
        Api.Reply badAfter = verifier.get(FEED + "?instance=instance-bad-after&after=-3");
        assertThat(badAfter.status()).as("%s", badAfter).isEqualTo(400);
        assertThat(badAfter.body()).contains("after");
    }

    @Test
    void theSnapshotCarriesEveryActiveTokensDigestUnderThePepperItCarries() throws Exception {
        Scenario.Account account = scenario.account("snapshot");
        String token = scenario.issueToken(account);
        String client = scenario.clientAccount(account, true);
        List<String> lines = lines(bearer(verifierKey()).get(FEED + "?instance=snapshot-instance&name=snap"));
        assertThat(lines).contains("snapshot").anyMatch(line -> line.startsWith("lease "));
        assertThat(lines).anyMatch(line -> line.equals("restricted KeywordPlanIdeaService"));
        assertThat(lines.get(lines.size() - 1)).endsWith(" complete");
        String pepper = lines.stream().filter(line -> line.startsWith("key ")).findFirst().orElseThrow().substring(4);
        String id = account.customerId().replace("-", "");
        assertThat(lines).contains("token " + id + " 1 TEST_ACCOUNT " + digest(pepper, token));
        assertThat(lines).contains("client " + client.replace("-", "") + " test");
        assertThat(String.join("\n", lines)).as("no token in full").doesNotContain(token);
    }

    @Test
    void aVerifierThatSaysGoodbyeIsNoLongerWaitedFor() {
        Scenario.Account account = scenario.account("goodbye");
        scenario.issueToken(account);
        Api verifier = bearer(verifierKey());
        String poll = FEED + "?instance=leaving-instance-1&name=leaving";
        lines(verifier.get(poll));
        assertThat(verifier.delete(FEED + "?instance=leaving-instance-1").status()).isEqualTo(204);
        Api.Reply reset = scenario.reset(account, "after the goodbye");
        assertThat(reset.status()).as("%s", reset).isEqualTo(200);
        assertThat(reset.json().get("propagation").toString()).doesNotContain("verifier:leaving");
        assertThat(verifier.delete(FEED).status()).as("no instance").isEqualTo(400);
    }

    @Test
    void aSequenceThisDatabaseNeverReachedGetsASnapshotNotAnAcknowledgement() {
        Api verifier = bearer(verifierKey());
        String poll = FEED + "?instance=ahead-instance-1";
        long head = sequence(lines(verifier.get(poll)));
        List<String> answer = lines(verifier.get(poll + "&after=" + (head + 1_000) + "&wait=0"));
        assertThat(answer).contains("snapshot").anyMatch(line -> line.startsWith("key "));
        assertThat(sequence(answer)).isEqualTo(head);
        List<String> caughtUp = lines(verifier.get(poll + "&after=" + head + "&wait=0"));
        assertThat(caughtUp).doesNotContain("snapshot");
        assertThat(caughtUp.get(caughtUp.size() - 1)).isEqualTo("end " + head + " complete");
    }

    @Test
    void aResetWaitsForALeasedVerifierToAcknowledgeItAndNamesItInTheReceipt() throws Exception {
        Scenario.Account account = scenario.account("acknowledged");
        String old = scenario.issueToken(account);
        Api verifier = bearer(verifierKey());
        String poll = FEED + "?instance=ack-instance-1&name=orders-api";
        long at = sequence(lines(verifier.get(poll)));
        // the verifier's lease is live now: the next change waits for its acknowledgement
        CompletableFuture<Api.Reply> reset = CompletableFuture.supplyAsync(() -> scenario.reset(account, "rotation"));
        List<String> changes = List.of();
        for (int i = 0; i < 20 && changes.stream().noneMatch(line -> line.startsWith("token ")); i++) {
            changes = lines(verifier.get(poll + "&after=" + at + "&wait=2000"));
            at = sequence(changes);
        }
        String id = account.customerId().replace("-", "");
        assertThat(changes).anyMatch(line -> line.startsWith("token " + id + " 2 "));
        assertThat(reset).as("the reset waits for the verifier's acknowledgement").isNotDone();
        lines(verifier.get(poll + "&after=" + at + "&wait=0"));
        Api.Reply receipt = reset.get(30, TimeUnit.SECONDS);
        assertThat(receipt.status()).as("%s", receipt).isEqualTo(200);
        assertThat(receipt.json().get("propagation").get("acknowledged").toString()).contains("verifier:orders-api");
        assertThat(receipt.text("developerToken")).isNotEqualTo(old);
    }
}
