package io.rxflow.hub.intake.validation;

import static ca.uhn.fhir.model.api.TemporalPrecisionEnum.SECOND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.rxflow.hub.intake.Envelopes;
import java.math.BigDecimal;
import java.util.Date;
import java.util.TimeZone;
import org.hl7.fhir.r5.model.DateTimeType;
import org.hl7.fhir.r5.model.MedicationRequest.MedicationRequestIntent;
import org.hl7.fhir.r5.model.MedicationRequest.MedicationrequestStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class OrderRulesTest {
    private static final String QUANTITY = "MedicationRequest.dispenseRequest.quantity";
    private static final String REFILLS = "MedicationRequest.dispenseRequest.numberOfRepeatsAllowed";

    @ParameterizedTest
    @EnumSource(
            value = MedicationRequestIntent.class,
            names = {"PROPOSAL", "PLAN", "OPTION", "REFLEXORDER", "FILLERORDER", "INSTANCEORDER"})
    void rejectsIntentOtherThanOrder(MedicationRequestIntent intent) {
        var r = Envelopes.fixture(Envelopes.NON_CONTROLLED);
        r.medicationRequest().setIntent(intent);

        assertThat(Envelopes.verdict(r)).containsExactly(tuple("MedicationRequest.intent", "order-intent-invalid"));
    }

    @Test
    void rejectsOrderWithoutIntent() {
        var r = Envelopes.fixture(Envelopes.NON_CONTROLLED);
        r.medicationRequest().setIntentElement(null);

        assertThat(Envelopes.verdict(r)).containsExactly(tuple("MedicationRequest.intent", "order-intent-invalid"));
    }

    @Test
    void acceptsOriginalOrder() {
        var r = Envelopes.fixture(Envelopes.NON_CONTROLLED);
        r.medicationRequest().setIntent(MedicationRequestIntent.ORIGINALORDER);

        assertThat(Envelopes.verdict(r)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(
            value = MedicationrequestStatus.class,
            names = {"ACTIVE", "NULL"},
            mode = EnumSource.Mode.EXCLUDE)
    void rejectsOrderThatIsNotActive(MedicationrequestStatus status) {
        var r = Envelopes.fixture(Envelopes.NON_CONTROLLED);
        r.medicationRequest().setStatus(status);

        assertThat(Envelopes.verdict(r)).containsExactly(tuple("MedicationRequest.status", "order-status-not-active"));
    }

    @Test
    void rejectsOrderNotToPerform() {
        var r = Envelopes.fixture(Envelopes.NON_CONTROLLED);
        r.medicationRequest().setDoNotPerform(true);

        assertThat(Envelopes.verdict(r))
                .containsExactly(tuple("MedicationRequest.doNotPerform", "order-do-not-perform"));
    }

    @Test
    void acceptsExplicitDoNotPerformFalse() {
        var r = Envelopes.fixture(Envelopes.NON_CONTROLLED);
        r.medicationRequest().setDoNotPerform(false);

        assertThat(Envelopes.verdict(r)).isEmpty();
    }

    @Test
    void rejectsReportedMedication() {
        var r = Envelopes.fixture(Envelopes.NON_CONTROLLED);
        r.medicationRequest().setReported(true);

        assertThat(Envelopes.verdict(r)).containsExactly(tuple("MedicationRequest.reported", "order-reported"));
    }

    @Test
    void rejectsOrderWithoutWrittenDate() {
        var r = Envelopes.fixture(Envelopes.NON_CONTROLLED);
        r.medicationRequest().setAuthoredOnElement(null);

        assertThat(Envelopes.verdict(r)).containsExactly(tuple("MedicationRequest.authoredOn", "written-date-missing"));
    }

    @Test
    void rejectsWrittenDateWithoutDay() {
        var r = Envelopes.fixture(Envelopes.NON_CONTROLLED);
        r.medicationRequest().setAuthoredOnElement(new DateTimeType("2026-11"));

        assertThat(Envelopes.verdict(r))
                .containsExactly(tuple("MedicationRequest.authoredOn", "written-date-incomplete"));
    }

    /** The clock reads 2026-11-24T12:00:00Z; five minutes of skew are tolerated, six are not. */
    @ParameterizedTest
    @ValueSource(strings = {"2026-11-24T12:06:00Z", "2026-11-24T07:06:00-05:00", "2026-11-26"})
    void rejectsWrittenDateInTheFuture(String authoredOn) {
        var r = Envelopes.fixture(Envelopes.NON_CONTROLLED);
        r.medicationRequest().setAuthoredOnElement(new DateTimeType(authoredOn));

        assertThat(Envelopes.verdict(r))
                .containsExactly(tuple("MedicationRequest.authoredOn", "written-date-in-future"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-24T12:04:59Z", "2026-11-24T21:00:00+09:00", "2026-11-24", "2026-11-25"})
    void acceptsWrittenDateWithinClockSkewOrTodayInSomeTimeZone(String authoredOn) {
        var r = Envelopes.fixture(Envelopes.NON_CONTROLLED);
        r.medicationRequest().setAuthoredOnElement(new DateTimeType(authoredOn));

        assertThat(Envelopes.verdict(r)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Pacific/Kiritimati", "Pacific/Honolulu", "UTC"})
    void comparesWrittenDateTimeAsAnInstantInAnyZone(String zone) {
        var inAnHour = Date.from(Envelopes.CLOCK.instant().plusSeconds(3600));
        var anHourAgo = Date.from(Envelopes.CLOCK.instant().minusSeconds(3600));
        var future = Envelopes.fixture(Envelopes.NON_CONTROLLED);
        future.medicationRequest().setAuthoredOnElement(new DateTimeType(inAnHour, SECOND, TimeZone.getTimeZone(zone)));
        var past = Envelopes.fixture(Envelopes.NON_CONTROLLED);
        past.medicationRequest().setAuthoredOnElement(new DateTimeType(anHourAgo, SECOND, TimeZone.getTimeZone(zone)));

        assertThat(Envelopes.verdict(future))
                .containsExactly(tuple("MedicationRequest.authoredOn", "written-date-in-future"));
        assertThat(Envelopes.verdict(past)).isEmpty();
    }

    @Test
    void rejectsOrderWithoutQuantity() {
        var r = Envelopes.fixture(Envelopes.NON_CONTROLLED);
        r.medicationRequest().getDispenseRequest().setQuantity(null);

        assertThat(Envelopes.verdict(r)).containsExactly(tuple(QUANTITY, "quantity-missing"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-30", "0.0"})
    void rejectsQuantityThatIsNotAboveZero(String value) {
        var r = Envelopes.fixture(Envelopes.NON_CONTROLLED);
        r.medicationRequest().getDispenseRequest().getQuantity().setValue(new BigDecimal(value));

        assertThat(Envelopes.verdict(r)).containsExactly(tuple(QUANTITY + ".value", "quantity-not-positive"));
    }

    @Test
    void rejectsQuantityWithoutValue() {
        var r = Envelopes.fixture(Envelopes.NON_CONTROLLED);
        r.medicationRequest().getDispenseRequest().getQuantity().setValueElement(null);

        assertThat(Envelopes.verdict(r)).containsExactly(tuple(QUANTITY + ".value", "quantity-not-positive"));
    }

    @Test
    void rejectsQuantityWithFreeTextUnitOnly() {
        var r = Envelopes.fixture(Envelopes.NON_CONTROLLED);
        r.medicationRequest().getDispenseRequest().getQuantity().setCode(null).setSystem(null);

        assertThat(Envelopes.verdict(r)).containsExactly(tuple(QUANTITY + ".code", "quantity-unit-missing"));
    }

    @Test
    void rejectsRefillsOnScheduleTwo() {
        var r = Envelopes.fixture(Envelopes.CII_BY_NDC);
        r.medicationRequest().getDispenseRequest().setNumberOfRepeatsAllowed(1);

        assertThat(Envelopes.verdict(r)).containsExactly(tuple(REFILLS, "refills-cii-not-allowed"));
    }

    @Test
    void rejectsRefillsOnScheduleTwoCodedOnlyByRxNorm() {
        var r = Envelopes.fixture(Envelopes.CII_BY_RXNORM_CONCEPT);
        r.medicationRequest().getDispenseRequest().setNumberOfRepeatsAllowed(2);

        assertThat(Envelopes.verdict(r)).containsExactly(tuple(REFILLS, "refills-cii-not-allowed"));
    }

    @Test
    void acceptsScheduleTwoWithoutRefillElement() {
        var r = Envelopes.fixture(Envelopes.CII_BY_NDC);
        r.medicationRequest().getDispenseRequest().setNumberOfRepeatsAllowedElement(null);

        assertThat(Envelopes.verdict(r)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 5})
    void acceptsUpToFiveRefillsOnScheduleFour(int refills) {
        var r = Envelopes.fixture(Envelopes.CIV_BY_NDC);
        r.medicationRequest().getDispenseRequest().setNumberOfRepeatsAllowed(refills);

        assertThat(Envelopes.verdict(r)).isEmpty();
    }

    @Test
    void rejectsMoreThanFiveRefillsOnScheduleFour() {
        var r = Envelopes.fixture(Envelopes.CIV_BY_NDC);
        r.medicationRequest().getDispenseRequest().setNumberOfRepeatsAllowed(6);

        assertThat(Envelopes.verdict(r)).containsExactly(tuple(REFILLS, "refills-over-controlled-limit"));
    }

    @Test
    void leavesRefillsOfNonControlledDrugToThePrescriber() {
        var r = Envelopes.fixture(Envelopes.NON_CONTROLLED);
        r.medicationRequest().getDispenseRequest().setNumberOfRepeatsAllowed(11);

        assertThat(Envelopes.verdict(r)).isEmpty();
    }
}
