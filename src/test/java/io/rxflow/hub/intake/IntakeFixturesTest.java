package io.rxflow.hub.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.rxflow.hub.intake.validation.Rule;
import io.rxflow.hub.support.Violation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shared intake fixture, in every shape (envelope, FHIR create, transaction; JSON and XML), goes
 * through the hub's parser and reference resolver and gets exactly the verdict its file name states.
 */
class IntakeFixturesTest {
    static List<Path> validFixtures() {
        return Envelopes.list("valid");
    }

    static List<Path> invalidFixtures() {
        return Envelopes.list("invalid");
    }

    static List<Path> allValid() {
        return Stream.concat(validFixtures().stream(), Envelopes.fhirShapes("valid").stream())
                .toList();
    }

    static List<Path> allInvalid() {
        return Stream.concat(invalidFixtures().stream(), Envelopes.fhirShapes("invalid").stream())
                .toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allValid")
    void acceptsValidFixture(Path fixture) {
        assertThat(Envelopes.violations(fixture)).isEmpty();
    }

    /** File name = rule code, optionally followed by "--" and the variant (text-too-long--sig.json). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("allInvalid")
    void rejectsInvalidFixtureWithExactlyItsRule(Path fixture) {
        List<Violation> violations = Envelopes.violations(fixture);

        assertThat(violations).extracting(Violation::rule).containsExactly(Envelopes.ruleOf(fixture));
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
     * The reference rules come from the resolver, before the validator; their fixtures are here too.
     */
    @Test
    void providesAnInvalidFixtureForEveryRuleThatReachesTheValidator() {
        Set<String> covered = allInvalid().stream().map(Envelopes::ruleOf).collect(Collectors.toSet());

        assertThat(covered)
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(Rule.values())
                        .filter(rule -> rule != Rule.RESOURCE_MISSING && rule != Rule.DRUG_UNKNOWN)
                        .map(Rule::code)
                        .toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allValid")
    void keepsValidFixturesAscii(Path fixture) throws IOException {
        assertThat(Files.readString(fixture).chars().allMatch(c -> c < 0x80))
                .as("non-ASCII byte in " + fixture.getFileName())
                .isTrue();
    }
}
