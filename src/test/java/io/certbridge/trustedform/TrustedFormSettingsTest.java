package io.certbridge.trustedform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.validation.FieldError;

/** certbridge.trustedform as the hub binds it: its defaults, and a wrong value stopping the start, named. */
class TrustedFormSettingsTest {

    @EnableConfigurationProperties(TrustedFormSettings.class)
    static class Records {
    }

    private final ApplicationContextRunner hub = new ApplicationContextRunner()
            .withInitializer(new ConfigDataApplicationContextInitializer())
            .withUserConfiguration(Records.class);

    @Test
    void offByDefaultAndReadingAChangeEventsLeadFromItsHeader() {
        hub.run(context -> {
            TrustedFormSettings settings = context.getBean(TrustedFormSettings.class);
            assertThat(settings.enabled()).isFalse();
            assertThat(settings.allowedUrlPrefix()).isEqualTo("https://cert.trustedform.com/");
        });
        hub.withPropertyValues("certbridge.trustedform.api-key=k",
                "certbridge.trustedform.channels[0].name=/data/LeadChangeEvent").run(context -> {
                    TrustedFormSettings.Channel channel =
                            context.getBean(TrustedFormSettings.class).channels().getFirst();
                    assertThat(channel.leadId()).isEqualTo("$.ChangeEventHeader.recordIds[0]");
                    assertThat(channel.fields().retained()).isEqualTo("TrustedForm_Retained__c");
                });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "certbridge.trustedform.channels[0].name=/event/Lead_Captured__e | api-key",
            "certbridge.trustedform.channels[0].name=/topic/Leads | channels[0].name",
            "certbridge.trustedform.channels[0].certificate-url=Cert__c | channels[0].paths",
            "certbridge.trustedform.channels[0].fields.outcome=Outcome field | channels[0].fields.outcome",
            "certbridge.trustedform.allowed-url-prefix=cert.trustedform.com | allowed-url-prefix"})
    void aWrongSettingStopsTheStartNamingIt(String setting, String property) {
        hub.withPropertyValues("certbridge.trustedform.channels[0].name=/event/Lead_Captured__e", setting)
                .withPropertyValues(property.equals("api-key") ? new String[0]
                        : new String[] {"certbridge.trustedform.api-key=k"})
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(rejected(context.getStartupFailure()))
                            .containsExactly(ConfigurationPropertyName.of("certbridge.trustedform." + property));
                });
    }

    private static List<ConfigurationPropertyName> rejected(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindValidationException invalid) {
                return invalid.getValidationErrors().getAllErrors().stream()
                        .map(error -> ConfigurationPropertyName.adapt(
                                error.getObjectName() + "." + ((FieldError) error).getField(), '.'))
                        .toList();
            }
        }
        throw new AssertionError("not a validation failure", failure);
    }
}
