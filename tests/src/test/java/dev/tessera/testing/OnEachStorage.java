package dev.tessera.testing;

import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the test classes that run on both databases share: the class runs once on H2 and once on
 * embedded PostgreSQL, each time against one real Tessera on a fresh database, started before the
 * class's tests and stopped after them.
 */
@ParameterizedClass
@EnumSource(Storage.class)
public abstract class OnEachStorage {

    protected static RunningTessera tessera;
    protected static Scenario scenario;

    @Parameter
    protected Storage storage;

    @BeforeParameterizedClassInvocation
    static void start(Storage storage) {
        tessera = RunningTessera.start(TestDatabase.fresh(storage));
        scenario = new Scenario(tessera);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        tessera.close();
    }
}
