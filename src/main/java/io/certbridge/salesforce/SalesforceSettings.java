package io.certbridge.salesforce;

import io.certbridge.shared.HubSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * certbridge.salesforce.*: the org the hub logs in to (nothing Salesforce runs until {@code login-url} is
 * set), the platform-event channels it subscribes to and how their events read, and where a subscription
 * starts when no position is stored ({@code initial-replay-id}) or the stored one is no longer valid
 * ({@code fallback-replay-id}; -2 replays all retained events, which the event-id deduplication makes safe).
 */
@Validated
@ConfigurationProperties("certbridge.salesforce")
public record SalesforceSettings(@Pattern(regexp = HubSettings.HTTP_URL, message = HTTP_URL_MESSAGE) String loginUrl,
                                 @Pattern(regexp = HubSettings.HTTP_URL, message = HTTP_URL_MESSAGE) String instanceUrl,
                                 @NotNull @Pattern(regexp = "\\d+\\.\\d+", message = "must be a version such as 62.0")
                                 String apiVersion,
                                 @DefaultValue Auth auth, @Valid List<Channel> channels,
                                 @Min(-2) long initialReplayId, @Min(-2) long fallbackReplayId,
                                 @Min(1) @Max(25) int compositeSize) {

    private static final String HTTP_URL_MESSAGE = "must be an address such as https://login.salesforce.com";

    public static final String DEFAULT_CHANNEL = "/event/Training_Completed__e";

    public SalesforceSettings {
        channels = channels == null || channels.isEmpty()
                ? List.of(new Channel(DEFAULT_CHANNEL, null, null, null, null, null))
                : channels;
    }

    /**
     * How the hub logs in: {@code jwt} (the connected app's certificate key in a PKCS12 {@code keystore}; the
     * preferred flow), {@code client_credentials}, or {@code password}. Without {@code type}, the flow follows
     * from what is set, as camel-salesforce decides it.
     */
    public record Auth(String type, String clientId, String clientSecret, String username, String password,
                       String keystore, String keystorePassword, String jwtAudience) {
    }

    /**
     * A platform-event channel, and the JSONPath expressions over the event's payload that give the learner
     * (a Contact) and the course.
     */
    public record Channel(@NotBlank String name, String learnerId, String learnerName, String learnerEmail, String courseId,
                          String courseName) {

        public Channel {
            learnerId = learnerId == null ? "$.Contact_Id__c" : learnerId;
            learnerName = learnerName == null ? "$.Contact_Name__c" : learnerName;
            learnerEmail = learnerEmail == null ? "$.Contact_Email__c" : learnerEmail;
            courseId = courseId == null ? "$.Course_Code__c" : courseId;
            courseName = courseName == null ? "$.Course_Name__c" : courseName;
        }

        public String eventType() {
            return eventType(name);
        }

        /** The event type rules name: the last segment of the channel, e.g. Training_Completed__e. */
        public static String eventType(String channel) {
            return channel.substring(channel.lastIndexOf('/') + 1);
        }
    }
}
