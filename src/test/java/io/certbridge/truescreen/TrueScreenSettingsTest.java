package io.certbridge.truescreen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.certbridge.shared.problems.FieldError;
import io.certbridge.template.Template;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * certbridge.truescreen.&lt;name&gt; as the hub binds it: an account's defaults; a wrong name, base URL, key, secret
 * or interval stopping the start with the setting named (and the variable to set for a secret); the API key and
 * webhook secret never shown, neither by the settings nor in what the failed start prints; and what a template's
 * {@code truescreen} may name.
 */
@ExtendWith(OutputCaptureExtension.class)
class TrueScreenSettingsTest {

    private static final String API_KEY = "ts_live_key_that_must_stay_hidden_81c4";
    private static final String SECRET = "whsec_c2VjcmV0LXRoYXQtbXVzdC1zdGF5LWhpZGRlbg==";
    private static final String AT = "certbridge.truescreen.tsmain.";

    @EnableConfigurationProperties(TrueScreenSettings.class)
    static class Records {
    }

    private final ApplicationContextRunner hub = new ApplicationContextRunner()
            .withInitializer(new ConfigDataApplicationContextInitializer())
            .withUserConfiguration(Records.class);

    private static String[] account(String... overrides) {
        List<String> settings = new ArrayList<>(List.of(AT + "base-url=https://api.truescreen.io/",
                AT + "api-key=" + API_KEY, AT + "webhook-secret=" + SECRET));
        for (String override : overrides) {
            String name = override.substring(0, override.indexOf('=') + 1);
            settings.removeIf(setting -> setting.startsWith(name));
            if (!override.endsWith("=")) {
                settings.add(override);
            }
        }
        return settings.toArray(String[]::new);
    }

    @Test
    void noAccountByDefaultAndAnAccountsDefaults() {
        hub.run(context -> assertThat(context.getBean(TrueScreenSettings.class).truescreen()).isEmpty());
        hub.withPropertyValues(account()).run(context -> {
            TrueScreenSettings.Account account = context.getBean(TrueScreenSettings.class).account("tsmain")
                    .orElseThrow();
            assertThat(account.base()).isEqualTo("https://api.truescreen.io");
            assertThat(account.pollIntervalOrDefault()).isEqualTo(Duration.ofSeconds(30));
            assertThat(account.callbackGraceOrDefault()).isEqualTo(Duration.ofMinutes(30));
        });
        hub.withPropertyValues(account(AT + "poll-interval=2s", AT + "callback-grace=0s")).run(context -> {
            TrueScreenSettings.Account account = context.getBean(TrueScreenSettings.class).account("tsmain")
                    .orElseThrow();
            assertThat(account.pollIntervalOrDefault()).isEqualTo(Duration.ofSeconds(2));
            assertThat(account.callbackGraceOrDefault()).isZero();
        });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "base-url=api.truescreen.io | certbridge.truescreen.tsmain.base-url must be TrueScreen's https address",
            "base-url=ftp://api.truescreen.io | certbridge.truescreen.tsmain.base-url must be TrueScreen's https address",
            "base-url= | certbridge.truescreen.tsmain.base-url must be TrueScreen's https address",
            "api-key= | certbridge.truescreen.tsmain.api-key is missing (set CERTBRIDGE_TRUESCREEN_TSMAIN_APIKEY)",
            "webhook-secret= | certbridge.truescreen.tsmain.webhook-secret must be the account's whsec_ secret "
                    + "(set CERTBRIDGE_TRUESCREEN_TSMAIN_WEBHOOKSECRET)",
            "webhook-secret=c2VjcmV0 | certbridge.truescreen.tsmain.webhook-secret must be the account's whsec_ "
                    + "secret (set CERTBRIDGE_TRUESCREEN_TSMAIN_WEBHOOKSECRET)",
            "webhook-secret=whsec_not*base64! | certbridge.truescreen.tsmain.webhook-secret is not whsec_ followed "
                    + "by base64",
            "poll-interval=0s | certbridge.truescreen.tsmain.poll-interval must be positive",
            "callback-grace=-1s | certbridge.truescreen.tsmain.callback-grace must not be negative"})
    void aWrongSettingStopsTheStartNamingIt(String setting, String refusal) {
        hub.withPropertyValues(account(AT + setting)).run(context -> {
            assertThat(context).hasFailed();
            assertThat(rootCause(context.getStartupFailure())).hasMessage(refusal);
        });
    }

    @Test
    void anAccountNameTheEnvironmentCannotSpellStopsTheStart() {
        hub.withPropertyValues("certbridge.truescreen.ts-main.base-url=https://api.truescreen.io",
                "certbridge.truescreen.ts-main.api-key=" + API_KEY,
                "certbridge.truescreen.ts-main.webhook-secret=" + SECRET).run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(rootCause(context.getStartupFailure())).hasMessage(
                            "certbridge.truescreen.ts-main: an account's name is lower-case letters and digits");
                });
    }

    @Test
    void theKeyAndSecretAreShownNeitherByTheSettingsNorByAFailedStart(CapturedOutput output) {
        hub.withPropertyValues(account()).run(context -> {
            TrueScreenSettings settings = context.getBean(TrueScreenSettings.class);
            assertThat(settings.toString()).contains("https://api.truescreen.io/")
                    .doesNotContain(API_KEY, SECRET, SECRET.substring("whsec_".length()));
        });

        String badSecret = "whsec_secret-that-must-stay-hidden!";
        // neither listeners nor initializers: the surefire JVM's logging is left as it is, no application.yaml is
        // read and no embedded PostgreSQL or Kafka is started
        SpringApplication start = new SpringApplication(Records.class);
        start.setListeners(List.of());
        start.setInitializers(List.of());
        start.setWebApplicationType(WebApplicationType.NONE);
        start.setBannerMode(Banner.Mode.OFF);
        String[] arguments = Stream.of(account(AT + "webhook-secret=" + badSecret)).map(setting -> "--" + setting)
                .toArray(String[]::new);
        assertThatThrownBy(() -> start.run(arguments).close()).isNotNull();
        assertThat(output.getAll()).as("what an operator reads of the failed start")
                .contains("APPLICATION FAILED TO START",
                        "certbridge.truescreen.tsmain.webhook-secret is not whsec_ followed by base64")
                .doesNotContain(API_KEY, badSecret);
    }

    @Test
    void aTemplateNamesAConfiguredAccountAndHashOrFile() {
        hub.withPropertyValues(account()).run(context -> {
            ConfiguredTrueScreen catalog = new ConfiguredTrueScreen(context.getBean(TrueScreenSettings.class));
            assertThat(catalog.problems(null)).isEmpty();
            assertThat(catalog.problems(new Template.TrueScreen("tsmain", "hash"))).isEmpty();
            assertThat(catalog.problems(new Template.TrueScreen("tsmain", "file"))).isEmpty();
            assertThat(catalog.problems(new Template.TrueScreen("tsother", "pdf"))).containsExactly(
                    new FieldError("truescreen.account", "must be one of the configured TrueScreen accounts [tsmain]"),
                    new FieldError("truescreen.mode", "must be hash or file"));
            assertThat(catalog.problems(new Template.TrueScreen(null, null))).extracting(FieldError::field)
                    .containsExactly("truescreen.account", "truescreen.mode");
        });
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
