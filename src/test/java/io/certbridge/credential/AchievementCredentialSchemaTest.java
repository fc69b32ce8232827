package io.certbridge.credential;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.certbridge.support.AchievementCredentialSchema;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Credentials built the way the hub builds them, with values of every kind a user can send (awkward text, numbers,
 * expiry or none, evidence or none, live or sandbox issuer), against 1EdTech's AchievementCredential JSON Schema.
 */
class AchievementCredentialSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void credentialsWithAnyValuesAUserCanSendValidateSaveForTheirTwoStatusEntries()
            throws InvalidCredentialException, IOException {
        Random random = new Random(21);
        for (int i = 0; i < 200; i++) {
            String credential = OpenBadgeCredentials.withProofSet(HubCredentials.signed(HubCredentials.claims(random, i)))
                    .toString();

            assertThat(AchievementCredentialSchema.problems(JSON.readTree(credential)))
                    .as(credential)
                    .containsExactly(OpenBadgesConformanceTest.TWO_STATUS_ENTRIES);
        }
    }

    @Test
    void theSchemaRefusesAProofOutsideAnArrayWhichIsWhyTheHubIssuesItsProofInOne() throws InvalidCredentialException, IOException {
        String credential = HubCredentials.signed(HubCredentials.claims(new Random(1), 1)).toString();

        assertThat(AchievementCredentialSchema.problems(JSON.readTree(credential)))
                .contains("/proof: object found, array expected");
    }
}
