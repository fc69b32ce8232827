package io.certbridge.wallet;

import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The nonce endpoint (OpenID4VCI 1.0 section 7): a fresh c_nonce for the next key proof. */
@RestController
class NonceController {

    private final Nonces nonces;

    NonceController(Nonces nonces) {
        this.nonces = nonces;
    }

    @PostMapping(path = WalletEndpoints.NONCE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, String>> nonce() {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(Map.of("c_nonce", nonces.next()));
    }
}
