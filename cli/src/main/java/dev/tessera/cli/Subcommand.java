package dev.tessera.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/** What every {@code tessera} command has: the root's {@link Io} and {@link Target}. */
abstract class Subcommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    final TesseraCli root() {
        return (TesseraCli) spec.root().userObject();
    }

    final Io io() {
        return root().io();
    }

    final PrintWriter out() {
        return io().out();
    }

    final PrintWriter err() {
        return io().err();
    }

    final Target target() {
        return root().target();
    }

    /** Prints one line to standard output and flushes it, so a pipe sees it at once. */
    final void print(String line) {
        out().println(line);
        out().flush();
    }

    /** With {@code --json}, the API's answer as it came (one line); else the table made of it. */
    final Integer show(JsonNode answer, boolean json, Function<JsonNode, Table> table) {
        if (json) {
            print(answer.toString());
        } else {
            table.apply(answer).print(out());
        }
        return ExitCode.OK;
    }

    /** Prints one message to standard error. */
    final void tell(String line) {
        err().println(line);
        err().flush();
    }
}
