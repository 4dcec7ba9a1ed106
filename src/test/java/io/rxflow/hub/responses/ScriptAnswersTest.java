package io.rxflow.hub.responses;

import static io.rxflow.hub.responses.ReplyFixtures.ANSWERS;
import static io.rxflow.hub.responses.ReplyFixtures.NEWRX_ID;
import static io.rxflow.hub.responses.ReplyFixtures.NOW;
import static io.rxflow.hub.responses.ReplyFixtures.PHARMACY;
import static io.rxflow.hub.responses.ReplyFixtures.REPLY_ID;
import static io.rxflow.hub.responses.ReplyFixtures.XML;
import static io.rxflow.hub.responses.ReplyFixtures.newRx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rxflow.hub.script.ScriptSchemas;
import io.rxflow.hub.script.ScriptValidationException;
import io.rxflow.hub.script.model.Message;
import org.junit.jupiter.api.Test;

class ScriptAnswersTest {

    @Test
    void answersWithAStatusThatSwapsToAndFromAndRelatesToTheRequest() {
        String xml = ANSWERS.status(newRx("2023011"), "000", PHARMACY, REPLY_ID, NOW);

        ScriptSchemas.load(null).validate2023011(xml);
        Message status = XML.unmarshal(xml);
        assertThat(status.getHeader().getTo().getValue()).isEqualTo("HUBPRESCRIBER01");
        assertThat(status.getHeader().getTo().getQualifier()).isEqualTo("D");
        assertThat(status.getHeader().getFrom().getValue()).isEqualTo("1234567");
        assertThat(status.getHeader().getFrom().getQualifier()).isEqualTo("P");
        assertThat(status.getHeader().getMessageID()).isEqualTo(REPLY_ID);
        assertThat(status.getHeader().getRelatesToMessageID()).isEqualTo(NEWRX_ID);
        assertThat(status.getHeader().getSenderSoftware().getSenderSoftwareProduct())
                .isEqualTo("RxFlow Pharmacy Simulator");
        assertThat(status.getBody().getStatus().getCode()).isEqualTo("000");
        assertThat(status.getTransactionVersion()).isEqualTo("20230116");
    }

    @Test
    void sendsTheTimeInUtcToTheSecond() {
        String xml = ANSWERS.status(newRx("2023011"), "000", PHARMACY, REPLY_ID, NOW);

        assertThat(xml).contains("<SentTime>2026-01-15T14:30:07Z</SentTime>");
    }

    @Test
    void answersA2017071RequestInThe2017071Envelope() {
        String xml = ANSWERS.status(newRx("2017071"), "000", PHARMACY, REPLY_ID, NOW);

        assertThat(XML.unmarshal(xml).getTransactionVersion()).isEqualTo("20170715");
    }

    @Test
    void answersWithAnErrorCarryingItsCodesAndTheXPath() {
        String xml =
                ANSWERS.error(newRx("2023011"), null, "900", "1000", "/Message/Header/To", PHARMACY, REPLY_ID, NOW);

        Message error = XML.unmarshal(xml);
        assertThat(error.getHeader().getRelatesToMessageID()).isEqualTo(NEWRX_ID);
        assertThat(error.getBody().getError().getCode()).isEqualTo("900");
        assertThat(error.getBody().getError().getDescriptionCode()).containsExactly("1000");
        assertThat(error.getBody().getError().getDescription()).isEqualTo("/Message/Header/To");
    }

    @Test
    void answersAnUnreadableMessageFromItsOwnIdentityToAnUnknownRecipient() {
        String xml = ANSWERS.error(null, null, "900", "500", "/Message", PHARMACY, REPLY_ID, NOW);

        Message error = XML.unmarshal(xml);
        assertThat(error.getHeader().getTo().getValue()).isEqualTo(ScriptAnswers.UNKNOWN_RECIPIENT);
        assertThat(error.getHeader().getFrom().getValue()).isEqualTo("1234567");
        assertThat(error.getHeader().getRelatesToMessageID()).isNull();
    }

    @Test
    void refusesToProduceAnAnswerTheSchemaRejects() {
        assertThatThrownBy(() -> ANSWERS.status(newRx("2023011"), "999", PHARMACY, REPLY_ID, NOW))
                .isInstanceOf(ScriptValidationException.class);
    }
}
