package io.rxflow.hub.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.rxflow.hub.intake.validation.Rule;
import java.time.Duration;
import java.util.List;

/**
 * The {@code rxflow_*} business meters, registered when the hub starts so that every series exists at
 * zero before the first prescription (alerts and dashboards then see 0, not "no data").
 */
public class HubMetrics {
    /** Kinds of pharmacy answer (SCRIPT Status, Error, Verify), the {@code kind} tag of the answers counter. */
    public static final List<String> ANSWER_KINDS = List.of("STATUS", "ERROR", "VERIFY");

    private final MeterRegistry meters;
    private final Counter received;
    private final Counter prepared;
    private final Counter unrouted;
    private final Counter deadLetters;
    private final Timer answerLatency;

    public HubMetrics(MeterRegistry meters) {
        this.meters = meters;
        this.received = Counter.builder("rxflow.prescriptions.received")
                .description(
                        "Prescriptions stored (PrescriptionReceived appended); resends answered 200 are not counted")
                .register(meters);
        this.prepared = Counter.builder("rxflow.prescriptions.prepared")
                .description("NewRx messages prepared (NewRxPrepared appended)")
                .register(meters);
        this.unrouted = Counter.builder("rxflow.prescriptions.unrouted")
                .description(
                        "Prescriptions held unrouted (RoutingFailed): pharmacy not in the directory, or none named")
                .register(meters);
        this.deadLetters = Counter.builder("rxflow.dead.letters")
                .description("Messages parked on the dead-letter topic")
                .register(meters);
        this.answerLatency = Timer.builder("rxflow.prescription.answer")
                .description("From the prescription's acceptance (201) to the pharmacy's answer")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(5))
                .maximumExpectedValue(Duration.ofMinutes(30))
                .register(meters);
        for (Rule rule : Rule.values()) {
            rejections(rule.code());
        }
        ANSWER_KINDS.forEach(this::answers);
    }

    /** Registers the per-pharmacy series of a pharmacy (at start and after a directory reload). */
    public void pharmacy(String ncpdpId) {
        dispatched(ncpdpId);
        dispatchRejected(ncpdpId);
        dispatchFailed(ncpdpId);
    }

    void received(boolean routed) {
        received.increment();
        prepared.increment();
        if (!routed) {
            unrouted.increment();
        }
    }

    void deadLetter() {
        deadLetters.increment();
    }

    void answered(String kind, Duration sinceAccepted) {
        answers(kind).increment();
        if (sinceAccepted != null && !sinceAccepted.isNegative()) {
            answerLatency.record(sinceAccepted);
        }
    }

    /** The counter {@code ApiErrors} increments on each refusal: same name and tag, so one series. */
    private Counter rejections(String rule) {
        return Counter.builder("rxflow.intake.rejections")
                .description("Refused submissions by broken rule")
                .tag("rule", rule)
                .register(meters);
    }

    Counter answers(String kind) {
        return Counter.builder("rxflow.pharmacy.answers")
                .description("Pharmacy answers by SCRIPT message kind")
                .tag("kind", kind)
                .register(meters);
    }

    Counter dispatched(String pharmacy) {
        return Counter.builder("rxflow.dispatched")
                .description("NewRx delivered to (or produced for) a pharmacy (Dispatched)")
                .tag("pharmacy", pharmacy)
                .register(meters);
    }

    Counter dispatchRejected(String pharmacy) {
        return Counter.builder("rxflow.dispatch.rejected")
                .description("NewRx refused by the pharmacy (DispatchRejected)")
                .tag("pharmacy", pharmacy)
                .register(meters);
    }

    Counter dispatchFailed(String pharmacy) {
        return Counter.builder("rxflow.dispatch.failed")
                .description("NewRx given up on after every attempt, parked on the dead letter (DispatchFailed)")
                .tag("pharmacy", pharmacy)
                .register(meters);
    }
}
