package io.certbridge.intake.rules;

import static io.certbridge.intake.IntakeFixtures.MAPPER;
import static org.assertj.core.api.Assertions.assertThat;

import io.certbridge.intake.IntakeSettings;
import io.certbridge.intake.rules.RuleDefinition.WritebackSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * A rule's write-back in the API's JSON is its type and its type's properties side by side, and so it is in the
 * configuration; a property the type does not take is caught by the type ({@link WritebackTypeRegistrationTest}).
 */
class WritebackSpecTest {

    @Test
    void theJsonIsTheTypeAndItsPropertiesInTheOrderGiven() throws Exception {
        String json = "{\"type\":\"salesforce_record\",\"sobject\":\"Training_Record__c\","
                + "\"record_id\":\"$.data.payload.Training_Record_Id__c\",\"fields\":{\"Certificate_Id__c\":\"certificate_id\"}}";

        WritebackSpec spec = MAPPER.readValue(json, WritebackSpec.class);

        assertThat(spec.type()).isEqualTo("salesforce_record");
        assertThat(spec.properties()).containsOnlyKeys("sobject", "record_id", "fields");
        assertThat(MAPPER.writeValueAsString(spec)).isEqualTo(json);
    }

    @Test
    void aPropertyGivenAsNullIsNone() throws Exception {
        // as rules were stored while one record held every type's properties
        WritebackSpec stored = MAPPER.readValue("{\"type\":\"canvas_custom_data\",\"namespace\":\"com.example\","
                + "\"assignment_id\":null,\"field\":null,\"sobject\":null,\"record_id\":null,\"fields\":null}",
                WritebackSpec.class);

        assertThat(MAPPER.writeValueAsString(stored))
                .isEqualTo("{\"type\":\"canvas_custom_data\",\"namespace\":\"com.example\"}");
    }

    @Test
    void configurationGivesThePropertiesBesideTheTypeInAnyOfItsCases() {
        MapConfigurationPropertySource configuration = new MapConfigurationPropertySource(Map.of(
                "certbridge.intake.rules.sf.name", "Training records",
                "certbridge.intake.rules.sf.writebacks[0].type", "salesforce_record",
                "certbridge.intake.rules.sf.writebacks[0].record-id", "$.data.payload.Training_Record_Id__c",
                "certbridge.intake.rules.sf.writebacks[0].fields.Certificate_Id__c", "certificate_id",
                "certbridge.intake.rules.sf.writebacks[1].type", "canvas_submission_comment",
                "certbridge.intake.rules.sf.writebacks[1].assignmentId", "355"));

        RuleDefinition rule = new Binder(configuration).bind("certbridge.intake", IntakeSettings.class).get()
                .rules().get("sf").withSnakeCasedWritebacks();

        assertThat(rule.writebacks()).containsExactly(
                new WritebackSpec("salesforce_record", Map.of("record_id", "$.data.payload.Training_Record_Id__c",
                        "fields", Map.of("Certificate_Id__c", "certificate_id"))),
                new WritebackSpec("canvas_submission_comment", Map.of("assignment_id", "355")));
    }
}
