package io.certbridge.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** Which address counts behind proxies, for the spellings the wire allows; TrustedProxyTest does it over HTTP. */
class ClientAddressTest {

    private static ClientAddress trusting(String... proxies) {
        return new ClientAddress(new ApiSettings(1, 1, 1, 1, 1, 1, 1, Duration.ofHours(1), 1, 1, List.of(proxies)));
    }

    private static String client(ClientAddress addresses, String peer, String header, String... values) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr(peer);
        for (String value : values) {
            request.addHeader(header, value);
        }
        return addresses.of(request).getHostAddress();
    }

    @Test
    void withoutTrustedProxiesNoHeaderCounts() {
        ClientAddress none = trusting();
        assertThat(client(none, "127.0.0.1", "X-Forwarded-For", "10.1.2.3")).isEqualTo("127.0.0.1");
        assertThat(client(none, "127.0.0.1", "Forwarded", "for=10.1.2.3")).isEqualTo("127.0.0.1");
    }

    @Test
    void behindTrustedProxiesTheRightMostUntrustedHopCounts() {
        ClientAddress proxies = trusting("127.0.0.1/32", "fd00::/8");
        assertThat(client(proxies, "127.0.0.1", "X-Forwarded-For", "192.0.2.1, 10.1.2.3")).isEqualTo("10.1.2.3");
        // several headers are one list, in order
        assertThat(client(proxies, "127.0.0.1", "X-Forwarded-For", "192.0.2.1", "10.1.2.3, fd00::5"))
                .isEqualTo("10.1.2.3");
        assertThat(client(proxies, "127.0.0.1", "Forwarded", "for=192.0.2.1;proto=https, for=\"[2001:db8::1]:443\""))
                .isEqualTo("2001:db8:0:0:0:0:0:1");
        assertThat(client(proxies, "127.0.0.1", "Forwarded", "For=\"192.0.2.9:80\"")).isEqualTo("192.0.2.9");
        // every hop a proxy: the left-most proxy is the client
        assertThat(client(proxies, "127.0.0.1", "X-Forwarded-For", "fd00::9")).isEqualTo("fd00:0:0:0:0:0:0:9");
    }

    @Test
    void whatIsNoAddressEndsTheTrustAtTheLastProxy() {
        ClientAddress proxies = trusting("127.0.0.1/32");
        assertThat(client(proxies, "127.0.0.1", "X-Forwarded-For", "10.1.2.3, not-an-address")).isEqualTo("127.0.0.1");
        assertThat(client(proxies, "127.0.0.1", "Forwarded", "for=unknown")).isEqualTo("127.0.0.1");
        assertThat(client(proxies, "192.0.2.7", "X-Forwarded-For", "10.1.2.3")).isEqualTo("192.0.2.7");
    }
}
