package io.certbridge.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.certbridge.emulator.salesforce.SalesforceEmulator;
import io.certbridge.salesforce.SalesforceSettings.Auth;
import io.certbridge.support.OutsideSystems;
import java.util.List;
import java.util.Map;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/**
 * The components the hub builds from certbridge.salesforce.* log in with each flow the configuration
 * allows, and update a record of the emulated org with what they get.
 */
class SalesforceConnectionTest {

    private static final String JWT_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    private final SalesforceEmulator salesforce = OutsideSystems.salesforce();

    private static SalesforceSettings settings(String loginUrl, Auth auth) {
        return new SalesforceSettings(loginUrl, null, "62.0", auth, List.of(), -1, -2, 25);
    }

    private void updatesAContactWith(Auth auth, String grant) throws Exception {
        String contact = "003CONNECTION" + Math.abs(auth.clientId().hashCode() % 100000);
        salesforce.createRecord("Contact", contact, Map.of("LastName", "Connection"));
        int loginsBefore = salesforce.tokenRequests(grant);
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.addComponent("salesforceRest",
                    new SalesforceConnection().salesforceRest(settings(salesforce.url(), auth)));
            camel.start();
            camel.createProducerTemplate().requestBody("salesforceRest:updateSObject?sObjectName=Contact&sObjectId="
                    + contact + "&rawPayload=true", "{\"Certificate_Status__c\":\"issued\"}");
        }
        assertThat(salesforce.record("Contact", contact)).containsEntry("Certificate_Status__c", "issued");
        assertThat(salesforce.tokenRequests(grant)).isGreaterThan(loginsBefore);
    }

    @Test
    void theJwtBearerFlowSignsWithTheConfiguredKeystore() throws Exception {
        updatesAContactWith(new Auth(null, OutsideSystems.SALESFORCE_CLIENT_ID, null, OutsideSystems.SALESFORCE_USER,
                null, OutsideSystems.SALESFORCE_KEYSTORE, OutsideSystems.SALESFORCE_KEYSTORE_PASSWORD, null), JWT_GRANT);
    }

    @Test
    void clientCredentialsLogInAsTheConnectedAppsRunAsUser() throws Exception {
        salesforce.allowClientCredentials("3MVG9clientCredentialsApp", "cc-secret-4b1f");
        updatesAContactWith(new Auth("client_credentials", "3MVG9clientCredentialsApp", "cc-secret-4b1f", null, null,
                null, null, null), "client_credentials");
    }

    @Test
    void usernameAndPasswordAlsoWork() throws Exception {
        salesforce.allowPassword("3MVG9passwordApp", "pw-app-secret", "admin@school.example", "pass+token");
        updatesAContactWith(new Auth(null, "3MVG9passwordApp", "pw-app-secret", "admin@school.example", "pass+token",
                null, null, null), "password");
    }

    @Test
    void aMisconfiguredLoginStopsTheStartWithWhatIsWrong() {
        assertThatThrownBy(() -> new SalesforceConnection().salesforceRest(settings("http://127.0.0.1:9",
                new Auth("oauth1", "app", "secret", null, null, null, null, null))))
                .hasMessageContaining("certbridge.salesforce.auth.type must be one of");
        assertThatThrownBy(() -> new SalesforceConnection().salesforceRest(settings("http://127.0.0.1:9",
                new Auth(null, null, "secret", null, null, null, null, null))))
                .hasMessageContaining("certbridge.salesforce.auth.client-id is required");
    }
}
