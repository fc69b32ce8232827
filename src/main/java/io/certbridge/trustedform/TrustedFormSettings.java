package io.certbridge.trustedform;

import io.certbridge.intake.JsonPaths;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * certbridge.trustedform.*: the TrustedForm API key (from the environment), the prefix a certificate URL must start
 * with to be called (anything else would receive the key), and the Salesforce Lead channels whose records carry a
 * certificate to retain. Nothing runs until a channel is configured.
 */
@Validated
@ConfigurationProperties("certbridge.trustedform")
public record TrustedFormSettings(String apiKey,
                                  @NotNull @Pattern(regexp = "https?://[^/?#\\s]+/[^?#\\s]*", message = "must be an "
                                          + "address ending in a path, such as https://cert.trustedform.com/")
                                  String allowedUrlPrefix,
                                  @Valid List<Channel> channels) {

    public TrustedFormSettings {
        channels = channels == null ? List.of() : List.copyOf(channels);
    }

    public boolean enabled() {
        return !channels.isEmpty();
    }

    public Channel channel(String name) {
        return channels.stream().filter(channel -> channel.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("No TrustedForm channel " + name));
    }

    @AssertTrue(message = "is required when channels are configured (set CERTBRIDGE_TRUSTEDFORM_API_KEY)")
    public boolean isApiKey() {
        return !enabled() || apiKey != null && !apiKey.isBlank();
    }

    /**
     * A Salesforce channel of Lead records: a platform event ({@code /event/Lead_Captured__e}) or Change Data Capture
     * ({@code /data/LeadChangeEvent}), JSONPath expressions over its payload for the Lead's id, the certificate URL,
     * the vendor (the lead source), e-mail and phone, and the Lead fields the result is written to.
     */
    public record Channel(@NotBlank @Pattern(regexp = "/event/[A-Za-z][A-Za-z0-9_]*__e|/data/[A-Za-z][A-Za-z0-9_]*"
                                  + "ChangeEvent", message = "must be a platform event channel such as "
                                  + "/event/Lead_Captured__e or a Change Data Capture channel such as "
                                  + "/data/LeadChangeEvent")
                          String name,
                          String leadId, String certificateUrl, String vendor, String email, String phone,
                          @Valid @DefaultValue LeadFields fields) {

        public Channel {
            boolean changeEvents = name != null && name.startsWith("/data/");
            leadId = leadId == null ? (changeEvents ? "$.ChangeEventHeader.recordIds[0]" : "$.Lead_Id__c") : leadId;
            certificateUrl = certificateUrl == null ? "$.TrustedForm_Certificate_URL__c" : certificateUrl;
            vendor = vendor == null ? "$.LeadSource" : vendor;
            email = email == null ? "$.Email" : email;
            phone = phone == null ? "$.Phone" : phone;
        }

        @AssertTrue(message = "lead-id, certificate-url, vendor, email and phone must be JSONPath expressions "
                + "(starting with $) that compile")
        public boolean isPaths() {
            return Stream.of(leadId, certificateUrl, vendor, email, phone)
                    .allMatch(path -> JsonPaths.isPath(path) && JsonPaths.problem(path).isEmpty());
        }
    }

    /** The Lead's fields the result is written to; a field left empty is not written. */
    public record LeadFields(@DefaultValue("TrustedForm_Retained__c") @Pattern(regexp = API_NAME, message = FIELD)
                             String retained,
                             @DefaultValue("TrustedForm_Expires_At__c") @Pattern(regexp = API_NAME, message = FIELD)
                             String expiresAt,
                             @DefaultValue("TrustedForm_Outcome__c") @Pattern(regexp = API_NAME, message = FIELD)
                             String outcome) {
    }

    private static final String API_NAME = "|[A-Za-z][A-Za-z0-9_]{0,79}";
    private static final String FIELD = "must be a Salesforce field API name such as TrustedForm_Retained__c";
}
