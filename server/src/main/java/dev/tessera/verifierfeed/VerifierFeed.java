package dev.tessera.verifierfeed;

import dev.tessera.account.ClientAccount;
import dev.tessera.account.ClientAccountStates;
import dev.tessera.cluster.ChangeKind;
import dev.tessera.cluster.RemoteFollowers;
import dev.tessera.quota.AccessPolicy;
import dev.tessera.system.TesseraException;
import dev.tessera.token.TokenStates;
import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Answers one poll of an embedded verifier in the feed's line format (docs/verifier.md): renews its
 * lease, then writes a snapshot or the changes after its sequence, each as the subject's state read
 * now (applying a state twice, or late, is harmless), and last an {@code end} line, so a verifier
 * knows a cut answer from a whole one. Thread-safe.
 */
@Component
public class VerifierFeed {

    /** The first line of every answer: the format and its version. */
    static final String FORMAT = "tessera-verifier-feed 1";

    /** A verifier's row in {@code cluster_nodes}: this prefix and its instance id. */
    private static final String FOLLOWER_PREFIX = "verifier-";
    private static final Pattern INSTANCE = Pattern.compile("[A-Za-z0-9_-]{8,60}");
    private static final Pattern NAME = Pattern.compile("[\\x21-\\x7e]{1,100}");

    private final RemoteFollowers followers;
    private final TokenStates tokens;
    private final ClientAccountStates clients;
    private final AccessPolicy policy;

    VerifierFeed(RemoteFollowers followers, TokenStates tokens, ClientAccountStates clients, AccessPolicy policy) {
        this.followers = followers;
        this.tokens = tokens;
        this.clients = clients;
        this.policy = policy;
    }

    /** One poll's parameters, checked before anything is written or renewed. */
    public record Poll(String instance, String name, long after, Duration longestWait) {

        /**
         * @throws TesseraException 400 naming the parameter at fault
         */
        public static Poll of(String instance, String name, String after, String waitMillis) {
            if (instance == null || !INSTANCE.matcher(instance).matches()) {
                throw TesseraException.invalid("instance", "instance is 8 to 60 letters, digits, - or _, unique per verifier process.");
            }
            if (name != null && !NAME.matcher(name).matches()) {
                throw TesseraException.invalid("name", "name is 1 to 100 visible ASCII characters without spaces.");
            }
            return new Poll(instance, name == null ? instance.substring(0, 8) : name, number("after", after, -1),
                    Duration.ofMillis(number("wait", waitMillis, Long.MAX_VALUE / 2_000_000)));
        }

        private static long number(String field, String text, long absent) {
            if (text == null) {
                return absent;
            }
            try {
                long value = Long.parseLong(text);
                if (value >= 0) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // below
            }
            throw TesseraException.invalid(field, field + " is a sequence or a number of milliseconds: 0 or more.");
        }
    }

    /** The verifier's goodbye: it has stopped serving, writers need not wait for its lease. */
    public void leave(Poll poll) {
        followers.leave(FOLLOWER_PREFIX + poll.instance());
    }

    /** Renews the verifier's lease and writes its next answer. */
    public void answer(Poll poll, Writer out) throws IOException, InterruptedException {
        RemoteFollowers.Pull pull = followers.pull(FOLLOWER_PREFIX + poll.instance(), "verifier:" + poll.name(), poll.after(),
                poll.longestWait());
        out.write(FORMAT + "\n");
        out.write("lease " + followers.lease().toMillis() + " " + followers.driftMargin().toMillis() + " "
                + followers.longestWait().toMillis() + "\n");
        if (pull.snapshot()) {
            out.write("snapshot\n");
            out.write("key " + tokens.pepperBase64() + "\n");
            for (String service : policy.restrictedServices()) {
                out.write("restricted " + service.strip() + "\n");
            }
            IOException[] failed = new IOException[1];
            tokens.forEachPrevious(token -> write(out, token, failed));
            tokens.forEachActive(token -> write(out, token, failed));
            clients.forEach(client -> write(out, client, failed));
            if (failed[0] != null) {
                throw failed[0];
            }
        } else {
            for (RemoteFollowers.Change change : pull.changes()) {
                if (change.kind() == ChangeKind.TOKEN) {
                    var state = tokens.active(change.subject());
                    if (state.isPresent()) {
                        // the previous token first: a token that turns from active to previous stays findable
                        var previous = tokens.previous(state.get());
                        if (previous.isPresent()) {
                            writePrevious(out, previous.get());
                        } else {
                            out.write("previous " + change.subject() + " none\n");
                        }
                        writeToken(out, state.get());
                    } else {
                        out.write("no-token " + change.subject() + "\n");
                    }
                } else if (change.kind() == ChangeKind.CLIENT_ACCOUNT) {
                    var client = clients.find(change.subject());
                    if (client.isPresent()) {
                        writeClient(out, client.get());
                    }
                }
            }
        }
        out.write("end " + pull.sequence() + (pull.more() ? " more" : " complete") + "\n");
    }

    private static void write(Writer out, Object state, IOException[] failed) {
        if (failed[0] != null) {
            return;
        }
        try {
            if (state instanceof TokenStates.ActiveToken token) {
                writeToken(out, token);
            } else if (state instanceof TokenStates.PreviousToken token) {
                writePrevious(out, token);
            } else {
                writeClient(out, (ClientAccount) state);
            }
        } catch (IOException e) {
            failed[0] = e;
        }
    }

    private static void writePrevious(Writer out, TokenStates.PreviousToken token) throws IOException {
        out.write("previous " + token.managerCustomerId() + " " + token.version() + " " + token.level().name() + " "
                + Base64.getUrlEncoder().withoutPadding().encodeToString(token.digest().toBytes()) + " "
                + token.endsAtMillis() + "\n");
    }

    private static void writeToken(Writer out, TokenStates.ActiveToken token) throws IOException {
        out.write("token " + token.managerCustomerId() + " " + token.version() + " " + token.level().name() + " "
                + Base64.getUrlEncoder().withoutPadding().encodeToString(token.digest().toBytes())
                + (token.expiresAtMillis() == Long.MAX_VALUE ? "" : " " + token.expiresAtMillis()) + "\n");
    }

    private static void writeClient(Writer out, ClientAccount client) throws IOException {
        out.write("client " + client.customerId().value() + (client.testAccount() ? " test" : " production") + "\n");
    }
}
