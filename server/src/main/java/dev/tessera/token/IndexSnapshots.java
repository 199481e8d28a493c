package dev.tessera.token;

import dev.tessera.cluster.ChangeLog;
import dev.tessera.system.TesseraProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A saved copy of this node's token index, so that a node with ten million tokens starts in seconds
 * (issue 18): loading them from the database takes half a minute. The copy is current as of a
 * change of the feed, whose sequence and commit instant it records; it is used at start only when
 * this database's change log still holds that very change (same sequence, same instant: not a log
 * that was pruned past it, not another or a restored database) and when it was made under this
 * node's pepper and maximum token age. The node then replays the log after that change as it
 * replays after any pause: every change re-reads its subject's state, so whatever the copy missed or
 * showed early is brought to the database's state before the node serves. A copy that fails any
 * check is ignored with a warning and the tokens come from the database.
 *
 * <p>{@code IndexSnapshotSchedule} saves it every {@code TESSERA_INDEX_SNAPSHOT_EVERY} and at
 * shutdown; {@code 0} turns saving and loading off.
 */
@Component
class IndexSnapshots {

    private static final Logger log = LoggerFactory.getLogger(IndexSnapshots.class);
    /**
     * Replaying the log costs a query a change, and writers wait for a node that holds a lease while
     * it replays: a copy is used only while the changes since it are at most a tenth of its tokens
     * (at least 100, at most 10,000: a second or two of replay), else a full load is faster.
     */
    static int replayLimit(int tokens) {
        return Math.min(10_000, Math.max(100, tokens / 10));
    }

    private final Path file;
    private final ChangeLog changes;
    private final long fingerprint;
    private final Duration every;
    /** The change of the copy this node started from, or -1. */
    private volatile long restoredFrom = -1;

    IndexSnapshots(TesseraProperties properties, ChangeLog changes, TokenHasher hasher, TokenExpiryPolicy expiry,
            @Value("${tessera.index-snapshot-every:10m}") Duration every) {
        this.file = properties.dataDir().resolve(IndexSnapshotFile.NAME);
        this.changes = changes;
        // The digests are HMACs under the pepper, and the expiries follow the maximum age: a copy made
        // under other ones describes other tokens.
        this.fingerprint = hasher.digest("index/" + expiry.maxAge()).w0();
        this.every = every;
    }

    boolean enabled() {
        return !every.isZero() && !every.isNegative();
    }

    Duration every() {
        return every;
    }

    /**
     * Loads the saved copy into {@code target} when it passes every check; answers the sequence it
     * is current as of, or empty when the caller must load from the database. If reading failed
     * part-way, some tokens were loaded: the caller loads from the database and replays after the
     * answered sequence all the same.
     */
    OptionalLong restore(ActiveTokens target, long head) {
        if (!enabled()) {
            return OptionalLong.empty();
        }
        IndexSnapshotFile.Checked checked;
        try {
            checked = IndexSnapshotFile.check(file);
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        } catch (IOException e) {
            log.warn("Ignoring the saved token index {}: {}", file, e.getMessage());
            return OptionalLong.empty();
        }
        IndexSnapshotFile.Header header = checked.header();
        String refusal = refusal(header, checked.count(), head);
        if (refusal != null) {
            log.info("Not starting from the saved token index: {}; loading the tokens from the database", refusal);
            return OptionalLong.empty();
        }
        try {
            target.load(checked.count(), visitor -> IndexSnapshotFile.read(file, visitor));
        } catch (IOException e) {
            log.warn("The saved token index {} could not be read to its end ({}); loading the tokens from the database",
                    file, e.getMessage());
            throw new PartlyRestored(header.sequence());
        }
        log.info("Loaded {} active developer tokens from the saved index of change {}; {} changes since then to replay",
                checked.count(), header.sequence(), head - header.sequence());
        restoredFrom = header.sequence();
        return OptionalLong.of(header.sequence());
    }

    /** Why a checked copy cannot serve this start, or null when it can. */
    private String refusal(IndexSnapshotFile.Header header, int count, long head) {
        if (header.fingerprint() != fingerprint) {
            return "it was saved under another token pepper or maximum token age";
        }
        if (header.sequence() > head) {
            return "it is of change " + header.sequence() + ", beyond this database's last change " + head
                    + " (another or a restored database)";
        }
        OptionalLong committed = changes.committedAtMicros(header.sequence());
        if (committed.isEmpty()) {
            return "the change log no longer holds its change " + header.sequence();
        }
        if (committed.getAsLong() != header.committedAtMicros()) {
            return "change " + header.sequence() + " of this database's log is not the one it was saved at";
        }
        long limit = replayLimit(count);
        if (head - header.sequence() > limit) {
            return (head - header.sequence()) + " changes were made since it was saved, more than loading all is worth";
        }
        return null;
    }

    /**
     * Saves {@code source} as current as of change {@code appliedSeq}, which the caller read before
     * calling: every change up to it is applied in the index, and later ones may show.
     *
     * @return the tokens saved, or -1 when there was nothing to match the copy with (no change yet, or the log lost it)
     */
    long save(ActiveTokens source, long appliedSeq) throws IOException {
        if (appliedSeq <= 0) {
            return -1;
        }
        OptionalLong committed = changes.committedAtMicros(appliedSeq);
        if (committed.isEmpty()) {
            return -1;
        }
        Files.createDirectories(file.getParent());
        return IndexSnapshotFile.write(file, new IndexSnapshotFile.Header(fingerprint, appliedSeq, committed.getAsLong()),
                source);
    }

    /** The change of the saved copy this node started from, or empty when it loaded from the database. */
    OptionalLong restoredFrom() {
        long from = restoredFrom;
        return from < 0 ? OptionalLong.empty() : OptionalLong.of(from);
    }

    Path file() {
        return file;
    }

    /** Reading a checked copy failed after some of its tokens were loaded. */
    static final class PartlyRestored extends RuntimeException {

        private final long sequence;

        PartlyRestored(long sequence) {
            super("The saved token index was loaded in part", null, false, false);
            this.sequence = sequence;
        }

        long sequence() {
            return sequence;
        }
    }
}
