package io.rxflow.hub.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rxflow.hub.pharmacies.Credentials;
import io.rxflow.hub.pharmacies.PharmacyDirectory;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mock.env.MockEnvironment;

/** Each pharmacy proves itself with its own directory credential, plain (from the environment) or hashed. */
class PharmacyAuthenticationTest {
    private static final String HASHED_SECRET = "correct horse battery staple";

    private static String directory(String inboundOfSecond) {
        return """
                pharmacies:
                  - ncpdp-id: "1234563"
                    script-version: "2023011"
                    inbound: {credential: "${PHARMACY_1234563_SECRET}"}
                    delivery: {type: http, url: "http://127.0.0.1:1/script"}
                  - ncpdp-id: "3456786"
                    script-version: "2023011"
                %s
                    delivery: {type: http, url: "http://127.0.0.1:1/script"}
                """
                .formatted(inboundOfSecond);
    }

    private static PharmacyDirectory load(String yaml, boolean production) {
        var env = new MockEnvironment().withProperty("PHARMACY_1234563_SECRET", "s3cret-from-env");
        var dir = new PharmacyDirectory(
                new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8), "test"), env, production);
        dir.reload();
        return dir;
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void acceptsEachPharmacyWithItsOwnCredentialOnly() {
        String hash = HexFormat.of().formatHex(Credentials.sha256(HASHED_SECRET));
        var auth =
                new PharmacyAuthentication(load(directory("    inbound: {credential-sha256: \"" + hash + "\"}"), true));
        assertThat(auth.identify(basic("1234563", "s3cret-from-env")))
                .hasValueSatisfying(p -> assertThat(p.ncpdpId()).isEqualTo("1234563"));
        assertThat(auth.identify(basic("3456786", HASHED_SECRET)))
                .hasValueSatisfying(p -> assertThat(p.ncpdpId()).isEqualTo("3456786"));
        assertThat(auth.identify(basic("3456786", "s3cret-from-env"))).isEmpty();
        assertThat(auth.identify(basic("1234563", HASHED_SECRET))).isEmpty();
        assertThat(auth.identify(basic("7654321", HASHED_SECRET))).isEmpty();
        assertThat(auth.identify(null)).isEmpty();
        assertThat(auth.identify("Bearer abc")).isEmpty();
        assertThat(auth.identify("Basic not-base64!")).isEmpty();
        assertThat(auth.identify(basic("1234563", ""))).isEmpty();
    }

    @Test
    void aPharmacyWithoutACredentialCannotSendAndProductionRefusesTheDirectory() {
        var auth = new PharmacyAuthentication(load(directory(""), false));
        assertThat(auth.identify(basic("3456786", ""))).isEmpty();
        assertThat(auth.identify(basic("3456786", "${RXFLOW_X}"))).isEmpty();
        assertThatThrownBy(() -> load(directory(""), true))
                .hasMessageContaining("3456786")
                .hasMessageContaining("inbound.credential-sha256");
        assertThatThrownBy(() -> load(directory("    inbound: {credential: \"${UNSET_SECRET}\"}"), true))
                .hasMessageContaining("unresolved placeholder");
    }

    @Test
    void productionRefusesTheDemoCredentialTheShippedDirectoryFallsBackTo() {
        String demo = HexFormat.of().formatHex(Credentials.sha256("simulator-3456786"));
        assertThatThrownBy(() -> load(directory("    inbound: {credential: \"simulator-3456786\"}"), true))
                .hasMessageContaining("3456786")
                .hasMessageContaining("demo default");
        assertThatThrownBy(() -> load(directory("    inbound: {credential-sha256: \"" + demo + "\"}"), true))
                .hasMessageContaining("demo default");
        // Outside production (embedded defaults, the simulator) the demo credential works.
        var auth =
                new PharmacyAuthentication(load(directory("    inbound: {credential: \"simulator-3456786\"}"), false));
        assertThat(auth.identify(basic("3456786", "simulator-3456786"))).isPresent();
    }
}
