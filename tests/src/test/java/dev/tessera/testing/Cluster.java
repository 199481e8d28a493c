package dev.tessera.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * Several real Tessera nodes (application contexts of their own, each with its own pool, feed
 * connection and data-plane listener) on one embedded PostgreSQL database, each reaching it through
 * a {@link TcpProxy} of its own so that a test can take the database away from one node, or from all.
 */
public final class Cluster implements AutoCloseable {

    private final TestDatabase database;
    private final List<TcpProxy> proxies = new ArrayList<>();
    private final List<RunningTessera> nodes = new ArrayList<>();

    private Cluster(TestDatabase database) {
        this.database = database;
    }

    /** Starts {@code size} nodes named node-a, node-b, … with these extra properties. */
    public static Cluster start(int size, String... extraProperties) {
        Cluster cluster = new Cluster(TestDatabase.fresh(Storage.POSTGRES));
        try {
            for (int i = 0; i < size; i++) {
                cluster.startNode(extraProperties);
            }
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    private void startNode(String... extraProperties) {
        TcpProxy proxy = new TcpProxy(EmbeddedPostgresServer.port());
        proxies.add(proxy);
        List<String> properties = new ArrayList<>(List.of(extraProperties));
        properties.add("spring.datasource.url=" + proxy.route(database.properties().get("spring.datasource.url")));
        properties.add("tessera.cluster.node-name=" + name(nodes.size()));
        properties.add("logging.level.root=WARN");
        nodes.add(RunningTessera.start(database, properties.toArray(String[]::new)));
    }

    public static String name(int index) {
        return "node-" + (char) ('a' + index);
    }

    public RunningTessera node(int index) {
        return nodes.get(index);
    }

    public List<RunningTessera> nodes() {
        return List.copyOf(nodes);
    }

    /** The proxy between node {@code index} and the database. */
    public TcpProxy proxy(int index) {
        return proxies.get(index);
    }

    public TestDatabase database() {
        return database;
    }

    @Override
    public void close() {
        proxies.forEach(TcpProxy::restore);
        for (RunningTessera node : nodes) {
            try {
                node.close();
            } catch (RuntimeException ignored) {
                // stop the others anyway
            }
        }
        proxies.forEach(TcpProxy::close);
    }
}
