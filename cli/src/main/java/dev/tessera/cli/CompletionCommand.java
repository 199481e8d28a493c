package dev.tessera.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;

/** {@code tessera completion}: picocli's bash (and zsh) completion script for the whole command tree. */
@Command(name = "completion", header = "Prints the bash completion script.",
        description = {
    "Prints the bash completion script. Load it with",
    "  source <(tessera completion)",
    "or save it as /etc/bash_completion.d/tessera (zsh: run",
    "`autoload -U bashcompinit && bashcompinit` first)."})
final class CompletionCommand extends Subcommand {

    @Override
    public Integer call() {
        out().print(AutoComplete.bash("tessera", spec.root().commandLine()));
        out().flush();
        return ExitCode.OK;
    }
}
