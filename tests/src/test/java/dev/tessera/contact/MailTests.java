package dev.tessera.contact;

import dev.tessera.testing.Fast;
import dev.tessera.testing.MovableClock;
import dev.tessera.testing.RunningTessera;
import dev.tessera.testing.Scenario;
import dev.tessera.testing.SmtpServer;
import dev.tessera.testing.Storage;
import dev.tessera.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * What the mail test classes share: a real SMTP server (GreenMail), a clock the tests move, and one
 * Tessera on H2 with fast mail timings that sends through it, started once per class.
 */
abstract class MailTests {

    static SmtpServer smtp;
    static MovableClock clock;
    static RunningTessera tessera;
    static Scenario scenario;

    @BeforeAll
    static void start() {
        smtp = new SmtpServer();
        clock = new MovableClock();
        tessera = RunningTessera.start(TestDatabase.fresh(Storage.H2), clock, Fast.with(smtp.properties()));
        scenario = new Scenario(tessera);
    }

    @AfterAll
    static void stop() {
        tessera.close();
        smtp.close();
    }
}
