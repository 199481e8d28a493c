package dev.tessera.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/**
 * {@code tessera audit}: an account's audit log, oldest first, one event a line; {@code --follow} polls for
 * new events every {@code --interval} seconds (1 to 60) until interrupted. An event is printed once: the
 * poll remembers the ids it has printed (and those before the run it chose not to print), so an event that
 * commits late is still printed when it shows up, and an old one never is.
 */
@Command(name = "audit", header = "Shows or follows an account's audit log.",
        description = {
    "Shows the last events of an account's audit log, oldest first: time,",
    "event, who, details. ADMIN only. With --follow, keeps polling for new",
    "events (Ctrl-C stops), like tail -f:",
    "  tessera audit 123-456-7890 --follow --type TOKEN_RESET"})
final class AuditCommand extends Subcommand {

    static final int MAX_PAGE = 200;
    private static final int MAX_PAGES_PER_POLL = 10;
    private static final int REMEMBERED = 5_000;

    @Parameters(paramLabel = "CUSTOMER_ID", converter = CustomerId.Converter.class, description = "123-456-7890 or 1234567890")
    CustomerId account;

    @Option(names = "--type", paramLabel = "EVENT", description = "Only this event type, e.g. TOKEN_RESET, API_KEY_CREATED.")
    String type;

    @Option(names = {"-n", "--limit"}, paramLabel = "N", defaultValue = "20", description = "Past events to show first (1-200, default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = {"-f", "--follow"}, description = "Keep polling for new events until interrupted.")
    boolean follow;

    @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "2", description = "Seconds between polls (1-60, default ${DEFAULT-VALUE}).")
    int interval;

    @Option(names = "--json", description = "One JSON object per event and line.")
    boolean json;

    private final Set<Long> printed = new LinkedHashSet<>();
    /** With --follow: events at or below this id predate the run and are never printed by a poll. */
    private long floor = Long.MIN_VALUE;

    @Override
    public Integer call() {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--limit is between 1 and " + MAX_PAGE);
        }
        if (interval < 1 || interval > 60) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--interval is between 1 and 60 seconds");
        }
        if (type != null && !type.matches("[A-Z_]{1,64}")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--type is an event type such as TOKEN_RESET");
        }
        Http api = target().management();
        if (!follow) {
            printNew(page(api, 0, limit));
            return ExitCode.OK;
        }
        List<JsonNode> recent = page(api, 0, MAX_PAGE);
        if (recent.size() == MAX_PAGE) {
            floor = recent.stream().mapToLong(event -> event.path("id").asLong()).min().orElse(Long.MIN_VALUE);
        }
        recent.stream().skip(limit).forEach(older -> printed.add(older.path("id").asLong()));
        printNew(recent);
        boolean reachable = true;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(interval * 1000L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            try {
                poll(api);
                if (!reachable) {
                    tell("tessera: reachable again");
                    reachable = true;
                }
            } catch (CliException e) {
                if (e.exitCode() != ExitCode.UNAVAILABLE) {
                    throw e;
                }
                if (reachable) {
                    tell("tessera: " + e.getMessage() + " (still polling every " + interval + " s)");
                    reachable = false;
                }
            }
        }
        return ExitCode.OK;
    }

    /** The newest events, page by page, until a page holds one already printed (at most 10 pages). */
    private void poll(Http api) {
        List<JsonNode> fresh = new ArrayList<>();
        for (int page = 0; page < MAX_PAGES_PER_POLL; page++) {
            List<JsonNode> events = page(api, page, MAX_PAGE);
            fresh.addAll(events);
            if (events.size() < MAX_PAGE || events.stream().anyMatch(event -> printed.contains(event.path("id").asLong()))) {
                break;
            }
            if (page == MAX_PAGES_PER_POLL - 1) {
                tell("tessera: more than " + fresh.size() + " new events since the last poll; the older ones are left out");
            }
        }
        printNew(fresh);
    }

    private List<JsonNode> page(Http api, int page, int size) {
        String query = "?page=" + page + "&size=" + size + (type == null ? "" : "&type=" + type);
        List<JsonNode> events = new ArrayList<>();
        api.get(account.path() + "/audit-events" + query).path("events").forEach(events::add);
        return events;
    }

    private void printNew(List<JsonNode> events) {
        events.stream()
                .filter(event -> event.path("id").asLong() > floor && !printed.contains(event.path("id").asLong()))
                .sorted(Comparator.comparingLong(event -> event.path("id").asLong()))
                .forEach(event -> {
                    printed.add(event.path("id").asLong());
                    print(json ? event.toString() : line(event));
                });
        while (printed.size() > REMEMBERED) {
            printed.remove(printed.iterator().next());
        }
    }

    static String line(JsonNode event) {
        StringBuilder line = new StringBuilder()
                .append(event.path("occurredAt").asString()).append("  ")
                .append(event.path("type").asString()).append("  ")
                .append(event.path("actor").asString(""));
        for (Map.Entry<String, JsonNode> detail : event.path("details").properties()) {
            String value = detail.getValue().asString();
            line.append("  ").append(detail.getKey()).append('=')
                    .append(value.matches("[^\\s\"]*") ? value : Http.JSON.writeValueAsString(value));
        }
        return line.toString();
    }
}
