package io.rxflow.hub.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rxflow.hub.eventstore.DispatchOutcome;
import io.rxflow.hub.eventstore.EventTypes;
import io.rxflow.hub.intake.IntakeCommand;
import io.rxflow.hub.intake.IntakeResult;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.support.RoutePolicySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the business metrics where the flows append their events, without a step in the YAML: a
 * route policy on the routes that write them looks at what the finished exchange committed.
 * {@code rx-intake-store} (claimed: received, prepared), {@code rx-dispatch-record} (the outcome's
 * event type), and the routes that park on the dead-letter topic.
 */
public class FlowMetrics {
    private static final Logger log = LoggerFactory.getLogger(FlowMetrics.class);
    private static final String DISPATCH_CONSUMER_PREFIX = "rx-dispatch-";

    private final HubMetrics metrics;
    private final ObjectMapper json;
    private final Function<String, Instant> acceptedAt;

    /** {@code acceptedAt} gives a prescription's acceptance time by id (null when unknown). */
    public FlowMetrics(HubMetrics metrics, ObjectMapper json, Function<String, Instant> acceptedAt) {
        this.metrics = metrics;
        this.json = json;
        this.acceptedAt = acceptedAt;
    }

    /** The policy for a route, or null when the route writes nothing counted here. */
    public RoutePolicy policyFor(String routeId) {
        return switch (routeId) {
            case "rx-intake-store" -> done(this::intakeStored);
            case "rx-dispatch-record" -> done(this::outcomeRecorded);
            case "rx-dead-letter" -> done(e -> metrics.deadLetter());
            case "rx-pharmacy-replies" -> done(this::replyParked);
            default -> null;
        };
    }

    void intakeStored(Exchange exchange) {
        if (exchange.getMessage().getBody() instanceof IntakeResult result
                && result.created()
                && exchange.getProperty("rxCommand") instanceof IntakeCommand command) {
            metrics.received(command.routed());
        }
    }

    void outcomeRecorded(Exchange exchange) {
        if (exchange.getMessage().getHeader("rxMarked") == null
                || !(exchange.getProperty("rxOutcome") instanceof DispatchOutcome outcome)) {
            return;
        }
        String pharmacy = outcome.consumer().startsWith(DISPATCH_CONSUMER_PREFIX)
                ? outcome.consumer().substring(DISPATCH_CONSUMER_PREFIX.length())
                : null;
        switch (outcome.eventType()) {
            case EventTypes.DISPATCHED -> {
                if (pharmacy != null) {
                    metrics.dispatched(pharmacy).increment();
                }
                answer(outcome, "reply");
            }
            case EventTypes.DISPATCH_REJECTED -> {
                if (pharmacy != null) {
                    metrics.dispatchRejected(pharmacy).increment();
                }
                answer(outcome, "reply");
            }
            case EventTypes.DISPATCH_FAILED -> {
                if (pharmacy != null) {
                    metrics.dispatchFailed(pharmacy).increment();
                }
            }
            case EventTypes.PHARMACY_REPLIED -> answer(outcome, null);
            default -> {
                // Other event types are not counted here.
            }
        }
    }

    void replyParked(Exchange exchange) {
        if (exchange.getMessage().getHeader("rxflow-dead-letter-reason") != null) {
            metrics.deadLetter();
        }
    }

    /** A pharmacy answer: its kind from the event payload (under {@code field}, or at the top). */
    private void answer(DispatchOutcome outcome, String field) {
        try {
            JsonNode payload = json.readTree(outcome.payloadJson());
            JsonNode reply = field == null ? payload : payload.path(field);
            String kind = reply.path("kind").asText("");
            if (kind.isEmpty()) {
                return; // produced to a pharmacy's topic: its answer comes later, as PharmacyReplied
            }
            Instant accepted = acceptedAt.apply(outcome.prescriptionId());
            metrics.answered(kind, accepted == null ? null : Duration.between(accepted, Instant.now()));
        } catch (IOException | RuntimeException e) {
            // A metric must never fail a delivery that is already committed.
            log.warn("Could not count the answer to prescription {}: {}", outcome.prescriptionId(), e.getClass());
        }
    }

    private static RoutePolicy done(java.util.function.Consumer<Exchange> onSuccess) {
        return new RoutePolicySupport() {
            @Override
            public void onExchangeDone(Route route, Exchange exchange) {
                if (!exchange.isFailed()) {
                    onSuccess.accept(exchange);
                }
            }
        };
    }
}
