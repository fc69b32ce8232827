package io.certbridge.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.certbridge.shared.net.SystemHostResolver;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Where a did:web's document is fetched from, per the did:web method, and that the SSRF guard keeps the fetch off
 * private and loopback addresses unless http-for-loopback is on.
 */
class DidWebTest {

    @Test
    void aDidWebNamesItsDocumentsHttpsUrl() {
        assertThat(DidWeb.documentUrl("did:web:academy.example"))
                .contains("https://academy.example/.well-known/did.json");
        assertThat(DidWeb.documentUrl("did:web:academy.example%3A8443:issuers:rust"))
                .contains("https://academy.example:8443/issuers/rust/did.json");
        assertThat(DidWeb.documentUrl("did:web:evil.example%2F@10.0.0.1")).isEqualTo(Optional.empty());
        assertThat(DidWeb.documentUrl("did:key:z6Mk")).isEqualTo(Optional.empty());
    }

    @Test
    void privateAndLoopbackAddressesAreNotFetchedUnlessLoopbackIsAllowed() {
        try (OutsideDocuments documents = documents(false)) {
            assertThatThrownBy(() -> documents.get("https://10.0.0.1/.well-known/did.json"))
                    .hasMessage("https://10.0.0.1/.well-known/did.json is not fetched: address 10.0.0.1 is not public");
            assertThatThrownBy(() -> documents.get("https://127.0.0.1:9/.well-known/did.json"))
                    .hasMessage("https://127.0.0.1:9/.well-known/did.json is not fetched: address 127.0.0.1 is not public");
            assertThatThrownBy(() -> documents.get("http://academy.example/.well-known/did.json"))
                    .hasMessageEndingWith("is not fetched: The URL must start with https://.");
        }
        try (OutsideDocuments documents = documents(true)) {
            assertThatThrownBy(() -> documents.get("https://10.0.0.1/.well-known/did.json"))
                    .hasMessage("https://10.0.0.1/.well-known/did.json is not fetched: address 10.0.0.1 is not public");
        }
    }

    private static OutsideDocuments documents(boolean httpForLoopback) {
        VerificationSettings settings = new VerificationSettings(List.of(),
                new VerificationSettings.Fetch(Duration.ofSeconds(2), 65536, Duration.ofMinutes(5),
                        httpForLoopback));
        return new OutsideDocuments(settings, new SystemHostResolver(), Clock.systemUTC());
    }
}
