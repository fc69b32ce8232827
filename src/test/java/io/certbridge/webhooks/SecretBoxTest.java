package io.certbridge.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretBoxTest {

    private static final byte[] SECRET = "thirty-two bytes of webhook key!".getBytes(StandardCharsets.UTF_8);

    private static SecretBox box(int fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) fill);
        return new SecretBox(key);
    }

    @Test
    void opensWhatItSealedAndShowsNothingOfIt() {
        SecretBox box = box(1);
        String sealed = box.seal(SECRET, "whep_1");

        assertThat(sealed).startsWith("v1.").doesNotContain(Base64.getEncoder().encodeToString(SECRET));
        assertThat(box.sealedWithThisKey(sealed)).isTrue();
        assertThat(box.open(sealed, "whep_1")).isEqualTo(SECRET);
    }

    @Test
    void sealingTwiceGivesTwoDifferentValues() {
        SecretBox box = box(1);
        assertThat(box.seal(SECRET, "whep_1")).isNotEqualTo(box.seal(SECRET, "whep_1"));
    }

    @Test
    void anAlteredValueDoesNotOpen() {
        SecretBox box = box(1);
        String sealed = box.seal(SECRET, "whep_1");
        int prefix = sealed.lastIndexOf('.') + 1;
        byte[] bytes = Base64.getDecoder().decode(sealed.substring(prefix));
        bytes[20] ^= 1;
        String altered = sealed.substring(0, prefix) + Base64.getEncoder().encodeToString(bytes);

        assertThatThrownBy(() -> box.open(altered, "whep_1")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("altered");
        assertThatThrownBy(() -> box.open(sealed.substring(0, prefix) + "AAAA", "whep_1"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aValueOpensOnlyForTheEndpointItWasSealedFor() {
        SecretBox box = box(1);
        String sealed = box.seal(SECRET, "whep_1");

        assertThatThrownBy(() -> box.open(sealed, "whep_2")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aValueSealedUnderAnotherKeyIsRecognisedAsSuch() {
        String sealed = box(1).seal(SECRET, "whep_1");

        assertThat(box(2).sealedWithThisKey(sealed)).isFalse();
        assertThatThrownBy(() -> box(2).open(sealed, "whep_1")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("another key");
    }
}
