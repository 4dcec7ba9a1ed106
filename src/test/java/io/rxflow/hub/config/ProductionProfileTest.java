package io.rxflow.hub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rxflow.hub.api.ApiKeys;
import io.rxflow.hub.drugs.UnknownDrugPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.FileSystemResource;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.util.unit.DataSize;

/**
 * The production profile never invents credentials and never takes a placeholder for one; the
 * embedded-defaults run generates them, once. The real start of the profile: {@link ProductionStartIT}.
 */
class ProductionProfileTest {
    private static final Path OVERLAY = Path.of("config/application-production.yaml");

    @TempDir
    Path data;

    @Test
    void namesEveryVariableTheRealProductionOverlayRequiresWhenNoneIsSet() throws Exception {
        assertThat(RequiredSettings.missing(overlay()))
                .containsExactlyInAnyOrder(
                        "RXFLOW_API_KEYS (rxflow.api.keys)",
                        "RXFLOW_IDEMPOTENCY_SECRET (rxflow.idempotency.secret)",
                        "RXFLOW_DB_URL (rxflow.db.url)",
                        "RXFLOW_DB_USER (rxflow.db.user)",
                        "RXFLOW_DB_PASSWORD (rxflow.db.password)",
                        "RXFLOW_KAFKA_BROKERS (rxflow.kafka.brokers)",
                        "RXFLOW_PHARMACIES (rxflow.pharmacies.file)");
    }

    @Test
    void checksEveryPlaceholderWithoutADefaultInTheOverlay() throws Exception {
        var required = Pattern.compile("\\$\\{([A-Z0-9_]+)}").matcher(Files.readString(OVERLAY));
        List<String> variables = required.results().map(m -> m.group(1)).toList();
        assertThat(variables).isNotEmpty();
        assertThat(RequiredSettings.PRODUCTION.values()).containsAll(variables);
    }

    @Test
    void refusesBlankAndPlaceholderValuesButAcceptsRealOnes() throws Exception {
        MockEnvironment env = overlay();
        RequiredSettings.PRODUCTION.values().forEach(variable -> env.setProperty(variable, "set-" + variable));
        assertThat(RequiredSettings.missing(env)).isEmpty();

        env.setProperty("RXFLOW_API_KEYS", "${RXFLOW_API_KEYS}");
        env.setProperty("RXFLOW_IDEMPOTENCY_SECRET", "  ");
        assertThat(RequiredSettings.missing(env))
                .containsExactly(
                        "RXFLOW_API_KEYS (rxflow.api.keys)", "RXFLOW_IDEMPOTENCY_SECRET (rxflow.idempotency.secret)");
    }

    @Test
    void neverAcceptsAnUnresolvedPlaceholderAsAnApiKey() {
        assertThatThrownBy(() -> new ApiKeys(List.of("real-key", "${RXFLOW_API_KEYS}")))
                .hasMessageContaining("RXFLOW_API_KEYS");
        assertThatThrownBy(() -> new ApiConfig()
                        .apiKeys(props(List.of("${RXFLOW_API_KEYS}"), ""), new DataFolder(data), new MockEnvironment()))
                .hasMessageContaining("RXFLOW_API_KEYS");
    }

    @Test
    void neverAcceptsAnUnresolvedPlaceholderAsTheIdempotencySecret() {
        assertThatThrownBy(() -> new IntakeConfig()
                        .idempotencyKeys(
                                props(List.of("k"), "${RXFLOW_IDEMPOTENCY_SECRET}"),
                                new DataFolder(data),
                                new MockEnvironment()))
                .hasMessageContaining("RXFLOW_IDEMPOTENCY_SECRET");
    }

    @Test
    void refusesToStartInProductionWithoutApiKeys() {
        var env = new MockEnvironment();
        env.setActiveProfiles("production");
        assertThatThrownBy(() -> new ApiConfig().apiKeys(props(List.of(), ""), new DataFolder(data), env))
                .hasMessageContaining("RXFLOW_API_KEYS");
        assertThat(data.resolve("api-key")).doesNotExist();
    }

    @Test
    void refusesToStartInProductionWithoutAnIdempotencySecret() {
        var env = new MockEnvironment();
        env.setActiveProfiles("production");
        assertThatThrownBy(() -> new IntakeConfig().idempotencyKeys(props(List.of("k"), ""), new DataFolder(data), env))
                .hasMessageContaining("RXFLOW_IDEMPOTENCY_SECRET");
    }

    @Test
    void generatesOneKeyForTheDataFolderAndKeepsIt() throws Exception {
        var env = new MockEnvironment();
        ApiKeys first = new ApiConfig().apiKeys(props(List.of(), ""), new DataFolder(data), env);
        String key = Files.readString(data.resolve("api-key")).strip();
        assertThat(first.identify(key)).isPresent();
        ApiKeys again = new ApiConfig().apiKeys(props(List.of(), ""), new DataFolder(data), env);
        assertThat(again.identify(key)).isPresent();
        assertThat(again.identify(key + "x")).isEmpty();
    }

    /** An environment holding only the real production overlay, as the profile loads it. */
    private static MockEnvironment overlay() throws Exception {
        var env = new MockEnvironment();
        env.setActiveProfiles(RequiredSettings.PROFILE);
        for (var source : new YamlPropertySourceLoader().load("overlay", new FileSystemResource(OVERLAY))) {
            env.getPropertySources().addLast(source);
        }
        return env;
    }

    private HubProperties props(List<String> keys, String secret) {
        return new HubProperties(
                data,
                new HubProperties.Database("", "", "", 16),
                new HubProperties.Api(keys, DataSize.ofMegabytes(1)),
                new HubProperties.Idempotency(secret),
                new HubProperties.Drugs("classpath:config/drugs.csv", "", "", UnknownDrugPolicy.SEND_UNCONTROLLED),
                new HubProperties.Script(
                        "RXFLOWHUB", "D", "", "classpath:xslt/script-2023011-to-2017071.xsl", "", true),
                new HubProperties.Pharmacies("classpath:config/pharmacies.yaml"),
                new HubProperties.Outbox(20, 1000, 500, Duration.ofSeconds(30), true, 1000),
                new HubProperties.Dispatch(10, 500, 30000, 3, 200, Duration.ZERO, 1));
    }
}
