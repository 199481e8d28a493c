package dev.tessera.cli;

import picocli.CommandLine;

/** A command that only groups others ({@code token}, {@code api-keys}): alone, it is a usage error naming them. */
abstract class CommandGroup extends Subcommand {

    @Override
    public final Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "Missing command: one of " + String.join(", ", spec.subcommands().keySet()));
    }
}
