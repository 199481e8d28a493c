package dev.tessera.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SSRF guard's address ranges (issue 15), IPv4 and IPv6, on literals (no name lookup). */
class AddressRangesTests {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.255.0.9", "10.0.0.1", "10.255.255.255", "172.16.0.1", "172.31.255.254",
            "192.168.1.1", "169.254.169.254", "100.64.0.1", "100.127.255.254", "0.0.0.0", "0.1.2.3", "224.0.0.1",
            "239.255.255.250", "240.0.0.1", "255.255.255.255", "192.0.0.170", "::", "::1", "fe80::1", "fec0::1",
            "fc00::1", "fd12:3456:789a::1", "ff02::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254",
            "::127.0.0.1", "64:ff9b::10.0.0.1", "64:ff9b::a9fe:a9fe", "2002:7f00:1::1", "2002:c0a8:101::1"})
    void refusesAddressesOffThePublicInternet(String literal) throws UnknownHostException {
        assertThat(AddressRanges.isPrivate(InetAddress.getByName(literal))).as(literal).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "203.0.113.10", "172.32.0.1", "172.15.255.255", "100.128.0.1",
            "100.63.255.255", "169.253.0.1", "192.169.0.1", "11.0.0.1", "2606:4700::1111", "2001:4860:4860::8888",
            "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1"})
    void allowsPublicAddresses(String literal) throws UnknownHostException {
        assertThat(AddressRanges.isPrivate(InetAddress.getByName(literal))).as(literal).isFalse();
    }
}
