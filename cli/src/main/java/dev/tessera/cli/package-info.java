/**
 * The {@code tessera} command line (issue 14): the management API and the data plane's verify call over
 * HTTP, for on-call engineers and scripts. It shares no code with the server, only the HTTP contract
 * (docs/http-contract.md). {@link dev.tessera.cli.TesseraCli} is the entry point and the command tree;
 * {@link dev.tessera.cli.Io} is everything the commands touch outside the JVM (streams, environment,
 * home folder, terminal), so tests run the real commands in process. Secrets — API keys, developer
 * tokens — are read from standard input, the environment or the config file, never from arguments, and
 * a full token or key is written only to standard output by the one command that receives it.
 */
package dev.tessera.cli;
