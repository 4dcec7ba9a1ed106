package io.rxflow.hub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rxflow.hub.api.ApiKeys;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.mock.env.MockEnvironment;

class EhrPushPropertiesTest {
    private static final String EHR = "key-234953f26bd2";
    private static final String SECRET = "s3cr3t-token-value";

    @Test
    void pushesNowhereOnTheEmbeddedDefaults() {
        var defaults = bind(Map.of());
        assertThat(defaults.enabled()).isFalse();
        assertThat(defaults.ehrs()).isEmpty();
        assertThat(defaults.pollInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(defaults.backoffMax()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void bindsAnEhrByItsKeyId() {
        var settings = bind(Map.of(
                "rxflow.ehr-push.ehrs." + EHR + ".base-url",
                "https://ehr.example/fhir/r5",
                "rxflow.ehr-push.ehrs." + EHR + ".bearer-token",
                SECRET));
        assertThat(settings.enabled()).isTrue();
        assertThat(settings.ehrs().get(EHR).baseUrl()).isEqualTo("https://ehr.example/fhir/r5");
        assertThat(settings.ehrs().get(EHR).bearerToken()).isEqualTo(SECRET);
        settings.requireProductionSafe();
        EhrPushProperties.requireKnownKeys(settings, new ApiKeys(List.of("it-key-one")).ids());
    }

    @Test
    void neverPrintsTheToken() {
        var ehr = new EhrPushProperties.Ehr("https://ehr.example/fhir", SECRET);
        assertThat(ehr.toString()).doesNotContain(SECRET).contains("******");
        assertThat(settings(ehr).toString()).doesNotContain(SECRET);
    }

    @Test
    void refusesABlankOrPlaceholderBaseUrlNamingTheSetting() {
        for (String url : new String[] {"", "  ", "${RXFLOW_EHR_URL}", "https://${HOST}/fhir"}) {
            assertThatThrownBy(() -> settings(new EhrPushProperties.Ehr(url, null)))
                    .hasMessageContaining("rxflow.ehr-push.ehrs." + EHR + ".base-url")
                    .hasMessageContaining("placeholder");
        }
        assertThatThrownBy(() -> settings(new EhrPushProperties.Ehr(null, null)))
                .hasMessageContaining("base-url");
    }

    @Test
    void refusesABaseUrlThatIsNotAPlainHttpUrl() {
        for (String url : new String[] {"ehr.example/fhir", "ftp://ehr.example/fhir", "file:///etc/passwd"}) {
            assertThatThrownBy(() -> settings(new EhrPushProperties.Ehr(url, null)))
                    .as(url)
                    .hasMessageContaining("absolute http(s) URL");
        }
        for (String url : new String[] {
            "https://user:pw@ehr.example/fhir", "https://ehr.example/fhir?token=x", "https://ehr.example/fhir#x"
        }) {
            assertThatThrownBy(() -> settings(new EhrPushProperties.Ehr(url, null)))
                    .as(url)
                    .hasMessageContaining("no user info, query or fragment")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("pw@"));
        }
    }

    @Test
    void refusesAnUnresolvedOrMalformedTokenWithoutPrintingIt() {
        assertThatThrownBy(() -> settings(new EhrPushProperties.Ehr("https://ehr.example/fhir", "${RXFLOW_EHR_TOKEN}")))
                .hasMessageContaining("bearer-token is an unresolved");
        assertThatThrownBy(() -> settings(new EhrPushProperties.Ehr("https://ehr.example/fhir", "abc\r\nX-Evil: 1")))
                .hasMessageContaining("bearer-token must be printable ASCII")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("X-Evil"));
    }

    @Test
    void refusesAnythingButAKeyIdAsTheEhrsName() {
        for (String id : new String[] {"it-key-one", "key-234953F26BD2", "key-23495", "acme"}) {
            assertThatThrownBy(() -> new EhrPushProperties(
                            Map.of(id, new EhrPushProperties.Ehr("https://ehr.example/fhir", null)),
                            Duration.ofSeconds(1),
                            10,
                            Duration.ofSeconds(1),
                            Duration.ofMinutes(5),
                            Duration.ofSeconds(10),
                            Duration.ofMinutes(2)))
                    .as(id)
                    .hasMessageContaining("is not an API key id");
        }
    }

    @Test
    void refusesAKeyIdThatNamesNoConfiguredKey() {
        var settings = settings(new EhrPushProperties.Ehr("https://ehr.example/fhir", null));
        assertThatThrownBy(() -> EhrPushProperties.requireKnownKeys(settings, new ApiKeys(List.of("it-key-two")).ids()))
                .hasMessageContaining("rxflow.ehr-push.ehrs." + EHR + " names no key of rxflow.api.keys");
    }

    @Test
    void theProductionProfilePushesOverTlsOnly() {
        var plain = settings(new EhrPushProperties.Ehr("http://ehr.example/fhir", null));
        assertThatThrownBy(plain::requireProductionSafe)
                .hasMessageContaining("rxflow.ehr-push.ehrs." + EHR + ".base-url must be https://");
    }

    @Test
    void theProductionStartRefusesAPlainHttpServerAndAnUnknownKey() {
        var production = new MockEnvironment();
        production.setActiveProfiles(RequiredSettings.PROFILE);
        var keys = new ApiKeys(List.of("it-key-one"));
        var plain = settings(new EhrPushProperties.Ehr("http://ehr.example/fhir", SECRET));
        assertThatThrownBy(() -> new EhrPushConfig().ehrPush(null, plain, keys, production, null, null, null, null))
                .hasMessageContaining("must be https://")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
        var unknown = settings(new EhrPushProperties.Ehr("https://ehr.example/fhir", SECRET));
        assertThatThrownBy(() -> new EhrPushConfig()
                        .ehrPush(null, unknown, new ApiKeys(List.of("it-key-two")), production, null, null, null, null))
                .hasMessageContaining("names no key of rxflow.api.keys");
    }

    @Test
    void refusesTimingsThatWouldLoseOrRepeatWork() {
        var ehrs = Map.<String, EhrPushProperties.Ehr>of();
        var second = Duration.ofSeconds(1);
        assertThatThrownBy(() -> new EhrPushProperties(
                        ehrs, Duration.ZERO, 100, second, Duration.ofMinutes(5), second, Duration.ofMinutes(2)))
                .hasMessageContaining("poll-interval must be a positive duration");
        assertThatThrownBy(() -> new EhrPushProperties(
                        ehrs, second, 100, Duration.ofMinutes(1), second, second, Duration.ofMinutes(2)))
                .hasMessageContaining("backoff-max must be at least backoff-initial");
        assertThatThrownBy(() -> new EhrPushProperties(
                        ehrs,
                        second,
                        100,
                        second,
                        Duration.ofMinutes(5),
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(15)))
                .hasMessageContaining("lease must cover a whole batch");
        assertThatThrownBy(() -> new EhrPushProperties(
                        ehrs, second, 0, second, Duration.ofMinutes(5), second, Duration.ofMinutes(2)))
                .hasMessageContaining("batch-size must be from 1 to 1000");
    }

    private static EhrPushProperties settings(EhrPushProperties.Ehr ehr) {
        return new EhrPushProperties(
                Map.of(EHR, ehr),
                Duration.ofSeconds(1),
                10,
                Duration.ofSeconds(1),
                Duration.ofMinutes(5),
                Duration.ofSeconds(10),
                Duration.ofMinutes(2));
    }

    private static EhrPushProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("rxflow.ehr-push", EhrPushProperties.class);
    }
}
