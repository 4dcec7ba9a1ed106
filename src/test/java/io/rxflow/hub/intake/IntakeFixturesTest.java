package io.rxflow.hub.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.rxflow.hub.intake.validation.PrescriptionValidator;
import io.rxflow.hub.intake.validation.Rule;
import io.rxflow.hub.support.Violation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every shared intake fixture parses with HAPI R5 and gets exactly the verdict its file name states. */
class IntakeFixturesTest {
    private final PrescriptionValidator validator = Envelopes.validator();

    static List<Path> validFixtures() {
        return Envelopes.list("valid");
    }

    static List<Path> invalidFixtures() {
        return Envelopes.list("invalid");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validFixtures")
    void acceptsValidFixture(Path fixture) {
        assertThat(validator.validate(Envelopes.read(fixture))).isEmpty();
    }

    /** File name = rule code, optionally followed by "--" and the variant (text-too-long--sig.json). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidFixtures")
    void rejectsInvalidFixtureWithExactlyItsRule(Path fixture) {
        String rule = fixture.getFileName().toString().replace(".json", "").split("--")[0];

        List<Violation> violations = validator.validate(Envelopes.read(fixture));

        assertThat(violations).extracting(Violation::rule).containsExactly(rule);
    }

    @Test
    void providesAtLeastTwentyFourValidFixtures() {
        assertThat(validFixtures()).hasSizeGreaterThanOrEqualTo(24);
    }

    /**
     * resource-missing has no fixture: the intake answers an envelope without a part with 400 before
     * validation, so such a fixture could never get the 422 the integration tests expect of this folder.
     * drug-unknown has none either: it depends on rxflow.drugs.unknown-drug-policy, whose default sends
     * (MedicationRulesTest covers it with the refuse policy).
     */
    @Test
    void providesAnInvalidFixtureForEveryRuleThatReachesTheValidator() {
        Set<String> covered = invalidFixtures().stream()
                .map(p -> p.getFileName().toString().replace(".json", "").split("--")[0])
                .collect(Collectors.toSet());

        assertThat(covered)
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(Rule.values())
                        .filter(rule -> rule != Rule.RESOURCE_MISSING && rule != Rule.DRUG_UNKNOWN)
                        .map(Rule::code)
                        .toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validFixtures")
    void keepsValidFixturesAscii(Path fixture) throws IOException {
        assertThat(Files.readString(fixture).chars().allMatch(c -> c < 0x80))
                .as("non-ASCII byte in " + fixture.getFileName())
                .isTrue();
    }
}
