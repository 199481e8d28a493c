package dev.tessera.cluster;

import java.util.List;

/**
 * The receipt of a change's propagation, returned with a reset: the nodes that applied it before the
 * call returned, and those whose lease ran out first (fenced: they refuse every request until they
 * have caught up).
 *
 * @param sequence the change's place in the feed
 * @param acknowledged names of the nodes that applied it
 * @param fenced names of the nodes that did not answer within their lease plus the drift margin
 * @param waitedMillis how long the writer waited for them
 */
public record Propagation(long sequence, List<String> acknowledged, List<String> fenced, long waitedMillis) {}
