package dev.tessera.cluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * A node's own connection to the database, never the pool's: it works, or fails, apart from the
 * requests' connections. On PostgreSQL it {@code LISTEN}s to the change and acknowledgement channels;
 * on H2, which has no notifications, a local wake-up after this node's own commits stands in (H2 has
 * no other node to hear from). Used by the follower thread only, but for {@link #wake}.
 */
final class FeedConnection {

    private final String url;
    private final String username;
    private final String password;
    private final boolean postgres;
    private final Runnable onAcknowledgement;
    private final Object wakeup = new Object();
    private boolean wakeRequested;
    private Connection connection;

    FeedConnection(String url, String username, String password, boolean postgres, Runnable onAcknowledgement) {
        this.url = url;
        this.username = username;
        this.password = password;
        this.postgres = postgres;
        this.onAcknowledgement = onAcknowledgement;
    }

    boolean isOpen() {
        return connection != null;
    }

    /** The open connection. @throws IllegalStateException when it is not open */
    Connection get() {
        if (connection == null) {
            throw new IllegalStateException("The feed connection is not open");
        }
        return connection;
    }

    void open() throws SQLException {
        Properties properties = new Properties();
        if (username != null) {
            properties.setProperty("user", username);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        if (postgres && !url.contains("socketFactory=")) {
            properties.setProperty("socketFactory", FeedSockets.class.getName());
        }
        connection = DriverManager.getConnection(url, properties);
        connection.setAutoCommit(true);
        if (postgres) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + ChangeLog.CHANGES_CHANNEL);
                statement.execute("LISTEN " + ChangeLog.ACKS_CHANNEL);
            }
        }
    }

    /** Ends a wait in {@link #await} early (a local commit to pull). */
    void wake() {
        synchronized (wakeup) {
            wakeRequested = true;
            wakeup.notifyAll();
        }
    }

    /**
     * Waits up to {@code millis} for a notification (PostgreSQL) or a {@link #wake} (H2), and answers
     * the changes the notifications announced, in the order they were committed (none on H2).
     */
    List<ChangeLog.Change> await(long millis) throws SQLException {
        if (postgres) {
            PGNotification[] notifications = get().unwrap(PGConnection.class).getNotifications((int) millis);
            if (notifications == null) {
                return List.of();
            }
            List<ChangeLog.Change> announced = new ArrayList<>(notifications.length);
            for (PGNotification notification : notifications) {
                if (ChangeLog.ACKS_CHANNEL.equals(notification.getName())) {
                    onAcknowledgement.run();
                } else {
                    ChangeLog.Change change = ChangeLog.Change.fromPayload(notification.getParameter());
                    if (change != null) {
                        announced.add(change);
                    }
                }
            }
            return announced;
        }
        synchronized (wakeup) {
            if (!wakeRequested) {
                try {
                    wakeup.wait(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            wakeRequested = false;
        }
        return List.of();
    }

    void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // already broken
            }
            connection = null;
        }
    }
}
