package io.certbridge.intake.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.certbridge.intake.IntakeEvent;
import io.certbridge.intake.IntakeFixtures;
import io.certbridge.salesforce.SalesforceSettings.Channel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Reading the Bayeux message of a platform event, as camel-salesforce hands it over with rawPayload. */
class PlatformEventsTest {

    private static final Channel CHANNEL = new Channel("/event/Training_Completed__e", null, null, null, null, null);

    private final PlatformEvents events = new PlatformEvents(IntakeFixtures.MAPPER, IntakeFixtures.eventFactory());

    private static String sample() {
        return new String(IntakeFixtures.payload("salesforce-cometd-platform-event.json"), StandardCharsets.UTF_8);
    }

    @Test
    void theReferenceEventIsKeyedByItsEventUuidWithTheContactAsLearner() {
        IntakeEvent event = events.read(CHANNEL, sample());

        assertThat(event.source()).isEqualTo("salesforce");
        assertThat(event.type()).isEqualTo("Training_Completed__e");
        assertThat(event.eventKey()).isEqualTo("2ec0e371-1395-457f-9275-be1b527a72f7");
        assertThat(event.learner().id()).isEqualTo("0035g00000XyZ12AAB");
        assertThat(event.course()).isEqualTo(new IntakeEvent.Course("SAFETY-101", "Workplace Safety Basics"));
        assertThat(event.complete()).isTrue();
        assertThat(event.data().at("/payload/Score__c").decimalValue()).isEqualByComparingTo("92.5");
        assertThat(event.data().at("/event/replayId").asLong()).isEqualTo(18512);
    }

    @Test
    void theChannelsPathsSayWhereTheLearnerAndCourseAre() {
        Channel custom = new Channel("/event/Deal_Closed__e", "$.Buyer__c", null, "$.Buyer_Email__c",
                "$.Product__c", null);
        String message = """
                {"data":{"schema":"s1","payload":{"Buyer__c":"0035g00000AAAAAAAA","Buyer_Email__c":"b@example.com",
                 "Product__c":"P-9"},"event":{"EventUuid":"e-1","replayId":7}},"channel":"/event/Deal_Closed__e"}""";

        IntakeEvent event = events.read(custom, message);

        assertThat(event.type()).isEqualTo("Deal_Closed__e");
        assertThat(event.learner()).isEqualTo(new IntakeEvent.Learner("0035g00000AAAAAAAA", null, "b@example.com"));
        assertThat(event.course().id()).isEqualTo("P-9");
    }

    @Test
    void anEventWithoutItsIdPayloadOrContactCannotBeRead() {
        assertThatThrownBy(() -> events.read(CHANNEL, sample().replace("EventUuid", "Uuid")))
                .isInstanceOf(PlatformEvents.Unreadable.class).hasMessageContaining("EventUuid");
        assertThatThrownBy(() -> events.read(CHANNEL, sample().replace("Contact_Id__c", "Lead_Id__c")))
                .isInstanceOf(PlatformEvents.Unreadable.class).hasMessageContaining("Contact");
        assertThatThrownBy(() -> events.read(CHANNEL,
                "{\"data\":{\"payload\":\"text\",\"event\":{\"EventUuid\":\"u\"}}}"))
                .isInstanceOf(PlatformEvents.Unreadable.class).hasMessageContaining("payload");
        assertThatThrownBy(() -> events.read(CHANNEL, "not json"))
                .isInstanceOf(PlatformEvents.Unreadable.class).hasMessageContaining("not JSON");
    }

    @Test
    void anUnreadableEventIsStillRecordedOnceByItsEventUuid() {
        IntakeEvent rejected = events.unreadable(CHANNEL, sample().replace("Contact_Id__c", "Lead_Id__c"));

        assertThat(rejected.eventKey()).isEqualTo("2ec0e371-1395-457f-9275-be1b527a72f7");
        assertThat(rejected.complete()).isFalse();
        assertThat(events.unreadable(CHANNEL, "not json").data().asText()).isEqualTo("not json");
    }
}
