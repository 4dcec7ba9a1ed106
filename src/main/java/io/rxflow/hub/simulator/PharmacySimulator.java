package io.rxflow.hub.simulator;

import io.rxflow.hub.responses.ScriptAnswers;
import io.rxflow.hub.script.ScriptSchemas;
import io.rxflow.hub.script.ScriptSettings;
import io.rxflow.hub.script.ScriptValidationException;
import io.rxflow.hub.script.ScriptXml;
import io.rxflow.hub.script.model.Message;
import io.rxflow.hub.simulator.NewRxInspector.Inspection;
import io.rxflow.hub.simulator.NewRxInspector.Problem;
import io.rxflow.hub.support.NcpdpId;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated pharmacies behind one endpoint: each NCPDP ID gets its own state on first use. Receives
 * a SCRIPT message and decides the answer, for HTTP ({@link #receive}) and Kafka ({@link #answer})
 * alike. A NewRx received again is answered Status 000 again (an idempotent receiver, as the hub's
 * exactly-once delivery expects of a pharmacy) and counted as a duplicate.
 */
public final class PharmacySimulator {
    /** SenderSoftwareProduct of every answer, so nobody mistakes one for a real pharmacy's. */
    public static final String PRODUCT = "RxFlow Pharmacy Simulator";

    private static final Logger LOG = LoggerFactory.getLogger(PharmacySimulator.class);

    private final NewRxInspector inspector;
    private final ScriptAnswers answers;
    private final ScriptSettings hub;
    private final SimulatorProperties props;
    private final Clock clock;
    private final DoubleSupplier random;
    private final Supplier<String> messageIds;
    private final Map<String, SimulatedPharmacy> pharmacies = new ConcurrentHashMap<>();
    private volatile SimulatedConversation conversation;

    /** A simulator on the system clock, with random failures and random 32-hex MessageIDs. */
    public PharmacySimulator(ScriptXml xml, ScriptSchemas schemas, ScriptSettings hub, SimulatorProperties props) {
        this(
                xml,
                schemas,
                hub,
                props,
                Clock.systemUTC(),
                () -> ThreadLocalRandom.current().nextDouble(),
                () -> UUID.randomUUID().toString().replace("-", ""));
    }

    /** A simulator with its clock, its random draws (0 to 1) and its MessageIDs chosen by the caller. */
    public PharmacySimulator(
            ScriptXml xml,
            ScriptSchemas schemas,
            ScriptSettings hub,
            SimulatorProperties props,
            Clock clock,
            DoubleSupplier random,
            Supplier<String> messageIds) {
        this.inspector = new NewRxInspector(xml, schemas, hub);
        this.answers = new ScriptAnswers(xml);
        this.hub = hub;
        this.props = props;
        this.clock = clock;
        this.random = random;
        this.messageIds = messageIds;
    }

    /** Who sends the pharmacies' follow-ups (fills, renewals, CancelRxResponse); none: they send nothing. */
    public void conversation(SimulatedConversation conversation) {
        this.conversation = conversation;
    }

    /** The pharmacy with this NCPDP ID (seven digits), created on first use. */
    public SimulatedPharmacy pharmacy(String ncpdpId) {
        if (!NcpdpId.isValid(ncpdpId)) {
            throw new IllegalArgumentException("a simulated pharmacy needs a seven-digit NCPDP ID");
        }
        return pharmacies.computeIfAbsent(ncpdpId, SimulatedPharmacy::new);
    }

    /**
     * An HTTP request: after the configured latency, 503 when the pharmacy is down or the failure rate
     * says so, otherwise the SCRIPT answer of {@link #answer}.
     */
    public Answer receive(String ncpdpId, String xml) {
        SimulatedPharmacy pharmacy = pharmacy(ncpdpId);
        if (!props.latency().isZero()) {
            try {
                // The simulated network delay: this thread is the remote pharmacy, so waiting is the point.
                Thread.sleep(props.latency().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Answer.unavailable();
            }
        }
        if (pharmacy.mode() == PharmacyMode.DOWN || draw(props.failureRate())) {
            LOG.debug("Simulated pharmacy {} answered 503", ncpdpId);
            return Answer.unavailable();
        }
        return answer(ncpdpId, xml);
    }

    /** The SCRIPT answer: an Error when the message is not a valid NewRx for this pharmacy or it refuses, else Status 000. */
    public Answer answer(String ncpdpId, String xml) {
        SimulatedPharmacy pharmacy = pharmacy(ncpdpId);
        Inspection inspection = inspector.inspect(ncpdpId, xml);
        if (!inspection.accepted()) {
            Problem p = inspection.problem();
            LOG.info("Simulated pharmacy {} refused message {}: {}", ncpdpId, inspection.messageId(), p.reason());
            return error(ncpdpId, inspection, p.httpStatus(), p.descriptionCode(), p.xpath());
        }
        if (pharmacy.mode() == PharmacyMode.ERROR || draw(props.errorRate())) {
            LOG.info("Simulated pharmacy {} rejected NewRx {} (simulated)", ncpdpId, inspection.messageId());
            return error(ncpdpId, inspection, 200, "2000", "/Message/Body/NewRx/MedicationPrescribed");
        }
        boolean first = pharmacy.accept(inspection.messageId());
        SimulatedConversation talk = conversation;
        if (first && talk != null) {
            talk.accepted(
                    ncpdpId,
                    inspection.read(),
                    inspection.script2017071(),
                    settings(ncpdpId).senderSoftware());
        }
        LOG.info("Simulated pharmacy {} accepted NewRx {}{}", ncpdpId, inspection.messageId(), first ? "" : " again");
        String replyId = messageIds.get();
        String xmlReply = answers.status(inspection.message(), "000", settings(ncpdpId), replyId, clock.instant());
        return new Answer(200, xmlReply, replyId, inspection.messageId(), "000");
    }

    private Answer error(String ncpdpId, Inspection inspection, int httpStatus, String descriptionCode, String xpath) {
        String replyId = messageIds.get();
        ScriptSettings self = settings(ncpdpId);
        Message request = inspection.message();
        String reply;
        try {
            reply = answers.error(request, null, "900", descriptionCode, xpath, self, replyId, clock.instant());
        } catch (ScriptValidationException e) {
            // The request's own header is unusable (e.g. an invalid From): answer without echoing it.
            request = null;
            reply = answers.error(null, null, "900", descriptionCode, xpath, self, replyId, clock.instant());
        }
        String relatesTo = request == null ? null : inspection.messageId();
        return new Answer(httpStatus, reply, replyId, relatesTo, "900");
    }

    /** The pharmacy's identity in its answers; its software is the simulator, in the hub's release. */
    private ScriptSettings settings(String ncpdpId) {
        return new ScriptSettings(
                ncpdpId,
                "P",
                hub.softwareDeveloper(),
                PRODUCT,
                hub.softwareVersion(),
                hub.script2023011(),
                hub.script2017071(),
                null,
                hub.structuredSig());
    }

    private boolean draw(double rate) {
        return rate > 0 && random.getAsDouble() < rate;
    }
}
