package io.rxflow.hub.responses;

import static io.rxflow.hub.responses.ReplyFixtures.ANSWERS;
import static io.rxflow.hub.responses.ReplyFixtures.NEWRX_ID;
import static io.rxflow.hub.responses.ReplyFixtures.NOW;
import static io.rxflow.hub.responses.ReplyFixtures.PHARMACY;
import static io.rxflow.hub.responses.ReplyFixtures.REPLIES;
import static io.rxflow.hub.responses.ReplyFixtures.REPLY_ID;
import static io.rxflow.hub.responses.ReplyFixtures.newRx;
import static io.rxflow.hub.responses.ReplyFixtures.newRxXml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rxflow.hub.responses.PharmacyReply.Kind;
import org.junit.jupiter.api.Test;

class PharmacyRepliesTest {

    @Test
    void readsAStatusBackAsAnAcceptance() {
        PharmacyReply reply = REPLIES.parse(ANSWERS.status(newRx("2023011"), "000", PHARMACY, REPLY_ID, NOW));

        assertThat(reply).isEqualTo(new PharmacyReply(Kind.STATUS, "000", null, null, REPLY_ID, NEWRX_ID));
        assertThat(reply.accepted()).isTrue();
        assertThat(reply.transientFailure()).isFalse();
    }

    @Test
    void readsAnErrorBackWithItsCodesAndDescription() {
        String xml =
                ANSWERS.error(newRx("2023011"), null, "900", "1000", "/Message/Header/To", PHARMACY, REPLY_ID, NOW);

        assertThat(REPLIES.parse(xml))
                .isEqualTo(new PharmacyReply(Kind.ERROR, "900", "1000", "/Message/Header/To", REPLY_ID, NEWRX_ID));
    }

    @Test
    void readsAVerifyAsAnAcceptanceByTheUltimateReceiver() {
        PharmacyReply reply = REPLIES.parse(reply("<Verify><VerifyStatus><Code>010</Code></VerifyStatus></Verify>"));

        assertThat(reply.kind()).isEqualTo(Kind.VERIFY);
        assertThat(reply.code()).isEqualTo("010");
        assertThat(reply.accepted()).isTrue();
    }

    @Test
    void readsABareVerifyAs010() {
        assertThat(REPLIES.parse(reply("<Verify/>")).code()).isEqualTo("010");
    }

    @Test
    void prefersTheDuplicateDescriptionCodeOverTheFirst() {
        String xml = reply("<Error><Code>900</Code><DescriptionCode>1000</DescriptionCode>"
                + "<DescriptionCode>220</DescriptionCode></Error>");

        PharmacyReply reply = REPLIES.parse(xml);

        assertThat(reply.descriptionCode()).isEqualTo("220");
        assertThat(reply.duplicate()).isTrue();
    }

    @Test
    void refusesAMessageThatIsNotAnAnswer() {
        assertThatThrownBy(() -> REPLIES.parse(newRxXml("2023011")))
                .isInstanceOf(InvalidReplyException.class)
                .hasMessageContaining("not a SCRIPT Status, Error or Verify")
                .hasMessageNotContaining("MRN0001");
    }

    @Test
    void refusesMalformedXml() {
        assertThatThrownBy(() -> REPLIES.parse("<Message><Header>"))
                .isInstanceOf(InvalidReplyException.class)
                .hasMessageContaining("not well-formed");
    }

    @Test
    void refusesAnEmptyReply() {
        assertThatThrownBy(() -> REPLIES.parse("  ")).isInstanceOf(InvalidReplyException.class);
    }

    @Test
    void refusesAnAnswerWithoutAMessageId() {
        String xml = reply("<Status><Code>000</Code></Status>").replace("<MessageID>" + REPLY_ID + "</MessageID>", "");

        assertThatThrownBy(() -> REPLIES.parse(xml))
                .isInstanceOf(InvalidReplyException.class)
                .hasMessageContaining("MessageID");
    }

    @Test
    void refusesAnExternalEntity() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE Message [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + reply("<Error><Code>900</Code><Description>&x;</Description></Error>");

        assertThatThrownBy(() -> REPLIES.parse(xxe))
                .isInstanceOf(InvalidReplyException.class)
                .hasMessageContaining("DOCTYPE")
                .hasMessageNotContaining("root:");
    }

    @Test
    void refusesEntityExpansion() {
        String bomb = "<?xml version=\"1.0\"?><!DOCTYPE Message [<!ENTITY a \"aaaaaaaaaa\">"
                + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>"
                + reply("<Error><Code>900</Code><Description>&c;</Description></Error>");

        assertThatThrownBy(() -> REPLIES.parse(bomb)).isInstanceOf(InvalidReplyException.class);
    }

    /** A reply envelope (as a pharmacy would send it) around {@code body}. */
    private static String reply(String body) {
        return "<Message DatatypesVersion=\"20230116\" TransportVersion=\"20230116\" TransactionDomain=\"SCRIPT\""
                + " TransactionVersion=\"20230116\" StructuresVersion=\"20230116\" ECLVersion=\"20230116\">"
                + "<Header><To Qualifier=\"D\">HUBPRESCRIBER01</To><From Qualifier=\"P\">1234567</From>"
                + "<MessageID>" + REPLY_ID + "</MessageID><RelatesToMessageID>" + NEWRX_ID + "</RelatesToMessageID>"
                + "<SentTime>2026-01-15T14:30:07Z</SentTime><SenderSoftware><SenderSoftwareDeveloper>P"
                + "</SenderSoftwareDeveloper><SenderSoftwareProduct>P</SenderSoftwareProduct>"
                + "<SenderSoftwareVersionRelease>1</SenderSoftwareVersionRelease></SenderSoftware></Header>"
                + "<Body>" + body + "</Body></Message>";
    }
}
