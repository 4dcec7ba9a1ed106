package io.rxflow.hub.simulator;

import static io.rxflow.hub.simulator.SimulatorFixtures.NEWRX_ID;
import static io.rxflow.hub.simulator.SimulatorFixtures.PHARMACY;
import static io.rxflow.hub.simulator.SimulatorFixtures.REPLIES;
import static io.rxflow.hub.simulator.SimulatorFixtures.newRx;
import static io.rxflow.hub.simulator.SimulatorFixtures.simulator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rxflow.hub.responses.PharmacyReply;
import io.rxflow.hub.responses.PharmacyReply.Kind;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PharmacySimulatorTest {

    private final PharmacySimulator simulator = simulator();

    @Test
    void acceptsAValidNewRxWithStatus000RelatingToIt() {
        Answer answer = simulator.receive(PHARMACY, newRx(NEWRX_ID));

        assertThat(answer.httpStatus()).isEqualTo(200);
        PharmacyReply reply = REPLIES.parse(answer.xml());
        assertThat(reply.kind()).isEqualTo(Kind.STATUS);
        assertThat(reply.code()).isEqualTo("000");
        assertThat(reply.relatesToMessageId()).isEqualTo(NEWRX_ID);
        assertThat(reply.messageId()).isEqualTo(answer.messageId());
        assertThat(simulator.pharmacy(PHARMACY).received().messageIds()).containsExactly(NEWRX_ID);
    }

    @Test
    void acceptsA2017071NewRxAndAnswersInThatVersion() {
        Answer answer = simulator.receive(PHARMACY, newRx("2017071", NEWRX_ID));

        assertThat(REPLIES.parse(answer.xml()).accepted()).isTrue();
        assertThat(answer.xml()).contains("TransactionVersion=\"20170715\"");
    }

    @Test
    void choosesTheSchemaByShapeWhenTheVersionAttributeIsUnknown() {
        String xml = newRx("2017071", NEWRX_ID).replace("TransactionVersion=\"20170715\"", "TransactionVersion=\"X1\"");

        assertThat(REPLIES.parse(simulator.receive(PHARMACY, xml).xml()).accepted())
                .isTrue();
    }

    @Test
    void refusesANewRxForAnotherPharmacyWithError900AndTheXPathOfTo() {
        Answer answer = simulator.receive("7654321", newRx(NEWRX_ID));

        assertThat(answer.httpStatus()).isEqualTo(200);
        assertThat(REPLIES.parse(answer.xml()))
                .isEqualTo(new PharmacyReply(
                        Kind.ERROR, "900", "1000", "/Message/Header/To", answer.messageId(), NEWRX_ID));
        assertThat(simulator.pharmacy("7654321").received().count()).isZero();
    }

    @Test
    void refusesATransactionOtherThanNewRx() {
        String status = simulator.receive(PHARMACY, newRx(NEWRX_ID)).xml();
        String addressedHere =
                status.replace("<To Qualifier=\"D\">HUBPRESCRIBER01</To>", "<To Qualifier=\"P\">1234567</To>");

        PharmacyReply reply =
                REPLIES.parse(simulator.receive(PHARMACY, addressedHere).xml());

        assertThat(reply.code()).isEqualTo("900");
        assertThat(reply.descriptionCode()).isEqualTo("4040");
    }

    @Test
    void answersMalformedXmlWith400AndAnError() {
        Answer answer = simulator.receive(PHARMACY, "<Message><Header>");

        assertThat(answer.httpStatus()).isEqualTo(400);
        PharmacyReply reply = REPLIES.parse(answer.xml());
        assertThat(reply.code()).isEqualTo("900");
        assertThat(reply.descriptionCode()).isEqualTo("500");
        assertThat(reply.relatesToMessageId()).isNull();
    }

    @Test
    void answersASchemaInvalidNewRxWith400WithoutQuotingItsContent() {
        String invalid = newRx(NEWRX_ID).replace("<MedicalRecordIdentificationNumberEHR>MRN0001", "<Unknown>MRN0001");
        invalid = invalid.replace("</MedicalRecordIdentificationNumberEHR>", "</Unknown>");

        Answer answer = simulator.receive(PHARMACY, invalid);

        assertThat(answer.httpStatus()).isEqualTo(400);
        assertThat(REPLIES.parse(answer.xml()).descriptionCode()).isEqualTo("3000");
        assertThat(answer.relatesToMessageId()).isEqualTo(NEWRX_ID);
        assertThat(answer.xml()).doesNotContain("MRN0001");
    }

    @Test
    void refusesADoctype() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE Message [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + newRx(NEWRX_ID).substring(newRx(NEWRX_ID).indexOf("<Message"));

        Answer answer = simulator.receive(PHARMACY, xxe);

        assertThat(answer.httpStatus()).isEqualTo(400);
        assertThat(answer.xml()).doesNotContain("root:");
    }

    @Test
    void answers503WhileDownAndAcceptsAgainWhenUp() {
        simulator.pharmacy(PHARMACY).mode(PharmacyMode.DOWN);
        assertThat(simulator.receive(PHARMACY, newRx(NEWRX_ID))).isEqualTo(Answer.unavailable());

        simulator.pharmacy(PHARMACY).mode(PharmacyMode.UP);
        assertThat(simulator.receive(PHARMACY, newRx(NEWRX_ID)).code()).isEqualTo("000");
        assertThat(simulator.pharmacy(PHARMACY).received().count()).isEqualTo(1);
    }

    @Test
    void rejectsEveryNewRxInErrorModeWithoutRecordingIt() {
        simulator.pharmacy(PHARMACY).mode(PharmacyMode.ERROR);

        PharmacyReply reply =
                REPLIES.parse(simulator.receive(PHARMACY, newRx(NEWRX_ID)).xml());

        assertThat(reply.code()).isEqualTo("900");
        assertThat(reply.transientFailure()).isFalse();
        assertThat(simulator.pharmacy(PHARMACY).received().count()).isZero();
    }

    @Test
    void failsAndRejectsAtTheConfiguredRates() {
        var rates = new SimulatorProperties(true, Duration.ZERO, 0.3, 0.6, List.of(), "ncpdp.inbound");
        var drawing = simulator(rates, () -> 0.5);
        var lucky = simulator(rates, () -> 0.7);

        assertThat(drawing.receive(PHARMACY, newRx(NEWRX_ID)).code()).isEqualTo("900");
        assertThat(simulator(rates, () -> 0.1)
                        .receive(PHARMACY, newRx(NEWRX_ID))
                        .httpStatus())
                .isEqualTo(503);
        assertThat(lucky.receive(PHARMACY, newRx(NEWRX_ID)).code()).isEqualTo("000");
    }

    @Test
    void acceptsADuplicateAgainAndCountsIt() {
        simulator.receive(PHARMACY, newRx(NEWRX_ID));
        Answer again = simulator.receive(PHARMACY, newRx(NEWRX_ID));

        assertThat(again.code()).isEqualTo("000");
        assertThat(simulator.pharmacy(PHARMACY).received())
                .isEqualTo(new SimulatedPharmacy.Received(1, List.of(NEWRX_ID), 1));
        simulator.pharmacy(PHARMACY).reset();
        assertThat(simulator.pharmacy(PHARMACY).received().count()).isZero();
    }

    @Test
    void countsConcurrentDeliveriesExactly() throws Exception {
        List<Callable<Answer>> sends = IntStream.range(0, 200)
                .mapToObj(i ->
                        (Callable<Answer>) () -> simulator.receive(PHARMACY, newRx(String.format("id%030d", i % 100))))
                .toList();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            pool.invokeAll(sends);
        } finally {
            pool.shutdown();
        }

        SimulatedPharmacy.Received received = simulator.pharmacy(PHARMACY).received();
        assertThat(received.count()).isEqualTo(100);
        assertThat(received.duplicates()).isEqualTo(100);
    }

    @Test
    void refusesAnIdThatIsNotAnNcpdpId() {
        assertThatThrownBy(() -> simulator.pharmacy("../x")).isInstanceOf(IllegalArgumentException.class);
    }
}
