package io.rxflow.hub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rxflow.hub.api.ApiKeys;
import io.rxflow.hub.drugs.UnknownDrugPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.util.unit.DataSize;

/** The production profile never invents credentials; the embedded-defaults run does, once. */
class ProductionProfileTest {
    @TempDir
    Path data;

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

    private HubProperties props(List<String> keys, String secret) {
        return new HubProperties(
                data,
                new HubProperties.Database("", "", "", 16),
                new HubProperties.Api(keys, DataSize.ofMegabytes(1)),
                new HubProperties.Idempotency(secret),
                new HubProperties.Drugs("classpath:config/drugs.csv", "", "", UnknownDrugPolicy.SEND_UNCONTROLLED),
                new HubProperties.Script("RXFLOWHUB", "D", "", "classpath:xslt/newrx-2023011-to-2017071.xsl", "", true),
                new HubProperties.Pharmacies("classpath:config/pharmacies.yaml"),
                new HubProperties.Outbox(20, 1000, 500, Duration.ofSeconds(30)),
                new HubProperties.Dispatch(10, 500, 30000, 3));
    }
}
