package io.certbridge.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.certbridge.api.ApiProblem;
import io.certbridge.shared.net.BlockedAddressException;
import io.certbridge.shared.net.HostResolver;
import io.certbridge.shared.net.SsrfGuard;
import io.certbridge.shared.net.UnsafeUrlException;
import io.certbridge.shared.problems.FieldError;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Decisions only: no test here resolves a name in DNS or opens a socket. */
class SsrfGuardTest {

    /** Answers from a fixed table, as DNS would; every other name is unknown. */
    private static HostResolver dns(Map<String, List<String>> names) {
        return host -> {
            List<String> addresses = names.get(host);
            if (addresses == null) {
                throw new UnknownHostException(host);
            }
            InetAddress[] answer = new InetAddress[addresses.size()];
            for (int i = 0; i < answer.length; i++) {
                answer[i] = InetAddress.getByAddress(host, InetAddress.getByName(addresses.get(i)).getAddress());
            }
            return answer;
        };
    }

    private static final HostResolver NO_DNS = dns(Map.of());

    private static SsrfGuard guard(String... settings) {
        return TestSettings.webhooks(settings).guard(NO_DNS);
    }

    private static String refusal(Runnable check) {
        try {
            check.run();
        } catch (UnsafeUrlException e) {
            return e.code();
        }
        return "accepted";
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "0.0.0.0", "0.1.2.3", "10.0.0.1", "10.255.255.255", "100.64.0.1", "100.127.255.254", "127.0.0.1",
            "127.255.255.254", "169.254.169.254", "172.16.0.1", "172.31.255.255", "192.0.0.8", "192.0.2.1",
            "192.88.99.1", "192.168.1.1", "198.18.0.1", "198.19.255.255", "198.51.100.7", "203.0.113.9",
            "224.0.0.1", "239.255.255.250", "240.0.0.1", "255.255.255.255",
            "0x7f000001", "2130706433", "017700000001", "0xA9FEA9FE",
            "[::]", "[::1]", "[::ffff:127.0.0.1]", "[::ffff:a9fe:a9fe]", "[::127.0.0.1]", "[fe80::1]", "[febf::1]",
            "[fec0::1]", "[fc00::1]", "[fd12:3456::1]", "[ff02::1]", "[2001:db8::1]", "[3fff::1]", "[100::1]",
            "[5f00::1]", "[64:ff9b::a00:1]", "[64:ff9b::7f00:1]", "[64:ff9b:1::1]", "[2002:7f00:1::]",
            "[2002:a9fe:a9fe::1]"})
    void refusesEveryAddressThatIsNotPublic(String host) {
        SsrfGuard guard = guard();

        assertThat(refusal(() -> guard.checkUrl("https://" + host + "/hooks"))).isEqualTo("url_host_not_public");
        assertThatThrownBy(() -> guard.resolveAllowed(host))
                .isInstanceOf(BlockedAddressException.class).hasMessageEndingWith("is not public");
    }

    /** java.net.URI takes these for no host at all; HttpClient passes them on, so the connect-time check reads them. */
    @ParameterizedTest
    @ValueSource(strings = {"127.1", "0x7f.1", "10.1", "127.0.0.1."})
    void refusesShortIpv4Spellings(String host) {
        assertThatThrownBy(() -> guard().resolveAllowed(host))
                .isInstanceOf(BlockedAddressException.class).hasMessageEndingWith("is not public");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2.3.4.5", "1.2.3.256", "08.1.1.1", "0x100000000", "1.-1.0.1", "[fe80::1%eth0]", "[::1::2]"})
    void refusesInvalidAddressesWithoutLookingThemUp(String host) {
        assertThatThrownBy(() -> guard().resolveAllowed(host))
                .isInstanceOf(UnknownHostException.class).isNotInstanceOf(BlockedAddressException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "0x5db8d822", "8.8.8.8", "11.0.0.1", "100.128.0.1", "172.32.0.1",
            "192.169.0.1", "198.20.0.1", "223.255.255.254", "[2606:2800:220:1:248:1893:25c8:1946]",
            "[64:ff9b::5db8:d822]", "[2002:5db8:d822::1]", "[::ffff:93.184.216.34]"})
    void allowsPublicAddresses(String host) throws Exception {
        SsrfGuard guard = guard();

        assertThatCode(() -> guard.checkUrl("https://" + host + "/hooks")).doesNotThrowAnyException();
        assertThat(guard.resolveAllowed(host)).hasSize(1);
    }

    @Test
    void aNameResolvingToLoopbackIsRefused() {
        SsrfGuard guard = TestSettings.webhooks().guard(dns(Map.of("hooks.example.com", List.of("127.0.0.1"))));

        assertThatThrownBy(() -> guard.checkUrl("https://hooks.example.com/in"))
                .isInstanceOfSatisfying(UnsafeUrlException.class, e -> assertThat(e.code()).isEqualTo("url_host_not_public"))
                .hasMessageContaining("hooks.example.com resolves to an address that is not one").hasMessageNotContaining("127.0.0.1");
        assertThatThrownBy(() -> guard.resolveAllowed("hooks.example.com"))
                .isInstanceOf(BlockedAddressException.class)
                .hasMessage("hooks.example.com resolves only to addresses that are not public");
    }

    @Test
    void aNameWithAPublicAndAPrivateAddressIsRefusedAtRegistrationAndFilteredAtConnect() throws Exception {
        SsrfGuard guard = TestSettings.webhooks().guard(
                dns(Map.of("mixed.example.com", List.of("93.184.216.34", "10.0.0.1"))));

        assertThat(refusal(() -> guard.checkUrl("https://mixed.example.com/in"))).isEqualTo("url_host_not_public");
        assertThat(guard.resolveAllowed("mixed.example.com"))
                .extracting(InetAddress::getHostAddress).containsExactly("93.184.216.34");
    }

    @Test
    void httpOnlyWithTheDevelopmentSwitch() {
        assertThat(refusal(() -> guard().checkUrl("http://93.184.216.34/hooks"))).isEqualTo("url_not_https");
        assertThat(refusal(() -> guard().checkUrl("ftp://93.184.216.34/hooks"))).isEqualTo("url_not_https");
        assertThat(refusal(() -> guard("allow-http=true").checkUrl("http://93.184.216.34/hooks"))).isEqualTo("accepted");
        assertThat(refusal(() -> guard("allow-http=true").checkUrl("HTTPS://93.184.216.34/hooks"))).isEqualTo("accepted");
    }

    @Test
    void credentialsInTheUrlAreRefused() {
        assertThat(refusal(() -> guard().checkUrl("https://user:secret@93.184.216.34/hooks")))
                .isEqualTo("url_has_credentials");
        assertThat(refusal(() -> guard().checkUrl("https://user@93.184.216.34/hooks"))).isEqualTo("url_has_credentials");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not a url", "/relative/path", "https://", "https:hooks", "mailto:a@example.com",
            "https://93.184.216.34:0/", "https://93.184.216.34:70000/", "https://93.184.216.34/hooks#part",
            "https://exa_mple.com/", "https://127.1/", "https://[fe80::1%25eth0]/"})
    void malformedUrlsAreRefused(String url) {
        assertThat(refusal(() -> guard().checkUrl(url))).isEqualTo("url_malformed");
    }

    @Test
    void anUnknownHostIsUnresolvable() {
        assertThat(refusal(() -> guard().checkUrl("https://nowhere.example.com/hooks"))).isEqualTo("url_host_unresolvable");
        assertThatThrownBy(() -> guard().resolveAllowed("nowhere.example.com"))
                .isInstanceOf(UnknownHostException.class).isNotInstanceOf(BlockedAddressException.class);
    }

    @Test
    void allowedNetworksLetExactlyTheirAddressesThrough() throws Exception {
        SsrfGuard guard = guard("allow-http=true", "allowed-networks=127.0.0.1/32");

        assertThat(refusal(() -> guard.checkUrl("http://127.0.0.1:8080/hooks"))).isEqualTo("accepted");
        assertThat(refusal(() -> guard.checkUrl("http://[::ffff:127.0.0.1]:8080/hooks"))).isEqualTo("accepted");
        assertThat(refusal(() -> guard.checkUrl("http://127.0.0.2:8080/hooks"))).isEqualTo("url_host_not_public");
        assertThat(guard.resolveAllowed("127.0.0.1")).extracting(InetAddress::getHostAddress).containsExactly("127.0.0.1");
        assertThatThrownBy(() -> guard.resolveAllowed("127.0.0.2")).isInstanceOf(BlockedAddressException.class);
        assertThatThrownBy(() -> guard.resolveAllowed("[::1]")).isInstanceOf(BlockedAddressException.class);
    }

    @Test
    void aMisspelledAllowedNetworkStopsTheStart() {
        assertThatThrownBy(() -> guard("allowed-networks=10.0.0.0/33"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10.0.0.0/33");
        assertThatThrownBy(() -> guard("allowed-networks=intranet.example.com"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRefusalBecomesA422NamingTheField() {
        UnsafeUrlException refused = new UnsafeUrlException("url_not_https", "The URL must start with https://.");

        ApiProblem problem = ApiProblem.of(refused.toProblem("url"));

        assertThat(problem.status()).isEqualTo(422);
        assertThat(problem.code()).isEqualTo("url_not_https");
        assertThat(problem.detail()).isEqualTo("The URL must start with https://.");
        assertThat(problem.errors()).containsExactly(new FieldError("url", "The URL must start with https://."));
    }
}
