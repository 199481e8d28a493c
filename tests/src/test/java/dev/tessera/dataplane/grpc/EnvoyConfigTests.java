package dev.tessera.dataplane.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Issue 13: the shipped {@code deploy/envoy/envoy.yaml}, filled as its header says (envsubst of five
 * placeholders), is YAML whose ext_authz filter calls Tessera's gRPC Check (v3, fail closed) through a cluster
 * that speaks HTTP/2 to the filled host and port, and whose route reaches the upstream cluster. No Envoy binary
 * here, so this checks the config's wiring, not Envoy's reading of it.
 */
class EnvoyConfigTests {

    private static final Path CONFIG = Path.of("..", "deploy", "envoy", "envoy.yaml");
    private static final Map<String, String> VALUES = Map.of("LISTEN_PORT", "18000", "TESSERA_HOST", "tessera.internal",
            "TESSERA_GRPC_PORT", "19081", "UPSTREAM_HOST", "api.internal", "UPSTREAM_PORT", "19000");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z_]+)}");

    @Test
    void usesExactlyThePlaceholdersItsHeaderNamesForEnvsubst() throws IOException {
        String text = Files.readString(CONFIG);
        Set<String> used = new TreeSet<>();
        String body = text.lines().filter(line -> !line.startsWith("#")).reduce("", (a, b) -> a + b + "\n");
        Matcher matcher = PLACEHOLDER.matcher(body);
        while (matcher.find()) {
            used.add(matcher.group(1));
        }
        assertThat(used).isEqualTo(new TreeSet<>(VALUES.keySet()));
        String envsubst = text.lines().filter(line -> line.contains("envsubst '")).findFirst().orElseThrow();
        for (String name : VALUES.keySet()) {
            assertThat(envsubst).contains("${" + name + "}");
        }
    }

    @Test
    void filledConfigRoutesThroughTesserasCheckAndFailsClosed() throws IOException {
        Map<String, Object> root = new Yaml().load(fill(Files.readString(CONFIG)));
        Map<String, Object> resources = map(root, "static_resources");
        Map<String, Object> listener = map(list(resources, "listeners").get(0));
        assertThat(map(map(listener, "address"), "socket_address").get("port_value")).isEqualTo(18000);

        Map<String, Object> manager = map(map(list(map(list(listener, "filter_chains").get(0)), "filters").get(0)), "typed_config");
        List<Object> httpFilters = list(manager, "http_filters");
        Map<String, Object> extAuthz = map(map(httpFilters.get(0)), "typed_config");
        assertThat(extAuthz.get("@type")).isEqualTo("type.googleapis.com/envoy.extensions.filters.http.ext_authz.v3.ExtAuthz");
        assertThat(extAuthz.get("transport_api_version")).isEqualTo("V3");
        assertThat(extAuthz.get("failure_mode_allow")).isEqualTo(false);
        assertThat(map(extAuthz, "status_on_error").get("code")).isEqualTo("ServiceUnavailable");
        String authCluster = (String) map(map(extAuthz, "grpc_service"), "envoy_grpc").get("cluster_name");
        assertThat(map(httpFilters.get(httpFilters.size() - 1)).get("name")).as("the router comes last")
                .isEqualTo("envoy.filters.http.router");

        Map<String, Object> route = map(map(list(map(list(map(manager, "route_config"), "virtual_hosts").get(0)), "routes").get(0)), "route");
        String upstreamCluster = (String) route.get("cluster");

        Map<String, Object> tessera = cluster(resources, authCluster);
        assertThat(endpoint(tessera)).isEqualTo(Map.of("address", "tessera.internal", "port_value", 19081));
        assertThat(map(map(map(tessera, "typed_extension_protocol_options"), "envoy.extensions.upstreams.http.v3.HttpProtocolOptions"),
                "explicit_http_config")).containsKey("http2_protocol_options");
        assertThat(endpoint(cluster(resources, upstreamCluster))).isEqualTo(Map.of("address", "api.internal", "port_value", 19000));
        assertThat(authCluster).isNotEqualTo(upstreamCluster);
    }

    private static String fill(String text) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(VALUES.getOrDefault(matcher.group(1), matcher.group())));
        }
        return matcher.appendTail(out).toString();
    }

    private static Map<String, Object> cluster(Map<String, Object> resources, String name) {
        Map<String, Object> cluster = list(resources, "clusters").stream().map(EnvoyConfigTests::map)
                .filter(c -> name.equals(c.get("name"))).findFirst().orElseThrow(() -> new AssertionError("no cluster " + name));
        assertThat(map(cluster, "load_assignment").get("cluster_name")).isEqualTo(name);
        return cluster;
    }

    private static Map<String, Object> endpoint(Map<String, Object> cluster) {
        Map<String, Object> lbEndpoint = map(list(map(list(map(cluster, "load_assignment"), "endpoints").get(0)), "lb_endpoints").get(0));
        return map(map(map(lbEndpoint, "endpoint"), "address"), "socket_address");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        return map(parent.get(key));
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Map<String, Object> parent, String key) {
        assertThat(parent.get(key)).as(key).isInstanceOf(List.class);
        return (List<Object>) parent.get(key);
    }
}
