package dev.tessera.testing;

import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link OnEachStorage} with a {@link MovableClock} as Tessera's one source of time: the class runs
 * once on H2 and once on embedded PostgreSQL, against one real Tessera each time, whose clock the
 * tests move ahead instead of sleeping.
 */
@ParameterizedClass
@EnumSource(Storage.class)
public abstract class OnEachStorageWithClock {

    protected static final MovableClock clock = new MovableClock();
    protected static RunningTessera tessera;
    protected static Scenario scenario;

    @Parameter
    protected Storage storage;

    @BeforeParameterizedClassInvocation
    static void start(Storage storage) {
        tessera = RunningTessera.start(TestDatabase.fresh(storage), clock);
        scenario = new Scenario(tessera);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        tessera.close();
    }
}
