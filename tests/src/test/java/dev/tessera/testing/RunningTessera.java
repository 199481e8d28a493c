package dev.tessera.testing;

import dev.tessera.TesseraApplication;
import dev.tessera.dataplane.DataPlaneServer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real Tessera, started as {@code java -jar} would start it, on a random port and on a
 * {@link TestDatabase}. Close it to stop it; start another on the same database to restart.
 */
public final class RunningTessera implements TesseraClients, AutoCloseable {

    /** The platform operator that every test instance creates on an empty database. */
    public static final String OPERATOR_EMAIL = "operator@tessera.test";
    public static final String OPERATOR_PASSWORD = "operator-password-1";

    private final ConfigurableApplicationContext context;
    private final StatementCounter statements;
    private final TestDatabase database;

    private RunningTessera(ConfigurableApplicationContext context, StatementCounter statements, TestDatabase database) {
        this.context = context;
        this.statements = statements;
        this.database = database;
    }

    public static RunningTessera start(TestDatabase database, String... extraProperties) {
        return start(database, null, extraProperties);
    }

    /**
     * Starts Tessera with {@code clock} as its one source of time (the main Clock bean steps aside
     * when one is registered), or with the system clock when {@code clock} is null.
     */
    public static RunningTessera start(TestDatabase database, Clock clock, String... extraProperties) {
        Map<String, String> properties = new LinkedHashMap<>(database.properties());
        properties.put("server.port", "0");
        properties.put("tessera.data-plane-port", "0");
        properties.put("tessera.data-plane-address", "127.0.0.1");
        properties.put("tessera.admin-email", OPERATOR_EMAIL);
        properties.put("tessera.admin-password", OPERATOR_PASSWORD);
        properties.put("spring.main.banner-mode", "off");
        for (String extra : extraProperties) {
            int equals = extra.indexOf('=');
            properties.put(extra.substring(0, equals), extra.substring(equals + 1));
        }
        List<String> args = new ArrayList<>();
        properties.forEach((key, value) -> args.add("--" + key + "=" + value));
        StatementCounter statements = new StatementCounter();
        ConfigurableApplicationContext context = new SpringApplicationBuilder(TesseraApplication.class)
                .initializers(ctx -> {
                    ctx.getBeanFactory().addBeanPostProcessor(statements);
                    if (clock != null) {
                        ctx.getBeanFactory().registerSingleton("testClock", clock);
                    }
                })
                .run(args.toArray(String[]::new));
        return new RunningTessera(context, statements, database);
    }

    public int port() {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** The port of the dedicated data-plane listener (Netty), bound at random. */
    public int dataPlanePort() {
        int port = context.getBean(DataPlaneServer.class).port();
        if (port < 0) {
            throw new IllegalStateException("The data-plane listener is not running");
        }
        return port;
    }

    /** An HTTP client of the dedicated data-plane listener. */
    public Api dataPlane() {
        return new Api("http://127.0.0.1:" + dataPlanePort());
    }

    @Override
    public Api api() {
        return new Api(baseUrl());
    }

    @Override
    public Api operator() {
        return api().as(OPERATOR_EMAIL, OPERATOR_PASSWORD);
    }

    /**
     * JDBC statements made since start on the threads that answer requests: the web server's and the
     * data-plane listener's (background work such as lease renewals or the outbox does not count).
     */
    public long requestThreadStatements() {
        return statements.count(name -> name.contains("-exec-") || name.startsWith("tessera-data-plane"));
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public <T> T bean(String name, Class<T> type) {
        return context.getBean(name, type);
    }

    public TestDatabase database() {
        return database;
    }

    @Override
    public void close() {
        context.close();
    }
}
