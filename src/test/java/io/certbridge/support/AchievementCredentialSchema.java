package io.certbridge.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.List;

/**
 * 1EdTech's published JSON Schema (draft 2019-09) for the Open Badges 3.0 AchievementCredential, bundled under
 * src/test/resources/1edtech/ (its origin in SOURCE.md there), with {@code format} asserted as well.
 */
public final class AchievementCredentialSchema {

    private static final JsonSchema SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V201909)
            .getSchema(TestResources.text("/1edtech/ob_v3p0_achievementcredential_schema.json"),
                    SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());

    private AchievementCredentialSchema() {
    }

    /** The schema's messages about {@code credential}; empty when it validates. */
    public static List<String> problems(JsonNode credential) {
        return SCHEMA.validate(credential).stream().map(ValidationMessage::getMessage).sorted().toList();
    }
}
