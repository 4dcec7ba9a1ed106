package io.rxflow.hub.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rxflow.hub.conversation.PrescriberAnswer.Decision;
import io.rxflow.hub.conversation.PrescriberAnswer.Kind;
import io.rxflow.hub.support.BadRequestException;
import org.junit.jupiter.api.Test;

/** The prescriber's answer is refused, naming the field, whenever the SCRIPT response could not carry it. */
class PrescriberAnswersTest {
    private static final PrescriberAnswers ANSWERS = new PrescriberAnswers(new ObjectMapper());

    @Test
    void readsADenialWithItsReasonCodeAndWords() {
        var a = ANSWERS.read(
                Kind.RENEWAL, "{\"decision\":\"deny\",\"reason_code\":\"AF\",\"reason\":\"See me first\"}");
        assertThat(a.decision()).isEqualTo(Decision.DENY);
        assertThat(a.happening()).isEqualTo(Happening.RENEWAL_DENIED);
        assertThat(a.details()).containsEntry("reason_code", "AF").containsEntry("denial_reason", "See me first");
    }

    @Test
    void anApprovalOfAChangeIsTheChangeApprovedHappening() {
        assertThat(ANSWERS.read(Kind.CHANGE, "{\"decision\":\"approve\"}").happening())
                .isEqualTo(Happening.CHANGE_APPROVED);
    }

    @Test
    void refusesADenialWithoutAReasonCodeFromTheList() {
        assertField(Kind.RENEWAL, "{\"decision\":\"deny\"}", "reason_code");
        assertField(Kind.RENEWAL, "{\"decision\":\"deny\",\"reason_code\":\"ZZ\"}", "reason_code");
        // AL is a change denial code, not a renewal one.
        assertField(Kind.RENEWAL, "{\"decision\":\"deny\",\"reason_code\":\"AL\"}", "reason_code");
    }

    @Test
    void refusesAnUnknownDecisionAndReplaceForAChange() {
        assertField(Kind.RENEWAL, "{\"decision\":\"maybe\"}", "decision");
        assertField(Kind.CHANGE, "{\"decision\":\"replace\",\"quantity\":\"10\"}", "decision");
        assertField(Kind.RENEWAL, "", "decision");
        assertField(Kind.RENEWAL, "[1]", "decision");
    }

    @Test
    void refusesAFieldThatDoesNotFitTheDecision() {
        assertField(Kind.RENEWAL, "{\"decision\":\"approve\",\"reason_code\":\"AA\"}", "reason_code");
        assertField(Kind.RENEWAL, "{\"decision\":\"approve\",\"quantity\":\"30\"}", "quantity");
        assertField(Kind.RENEWAL, "{\"decision\":\"approve\",\"requested\":0}", "requested");
        assertField(Kind.CHANGE, "{\"decision\":\"approve\",\"colour\":\"blue\"}", "colour");
    }

    @Test
    void refusesTextAndNumbersSCRIPTCannotCarry() {
        assertField(Kind.RENEWAL, "{\"decision\":\"approve\",\"note\":\"caf\u00e9\"}", "note");
        assertField(Kind.RENEWAL, "{\"decision\":\"approve\",\"number_of_refills\":100}", "number_of_refills");
        assertField(Kind.RENEWAL, "{\"decision\":\"replace\",\"quantity\":\"-3\"}", "quantity");
        assertField(Kind.CHANGE, "{\"decision\":\"approve-with-changes\",\"days_supply\":0}", "days_supply");
    }

    @Test
    void refusesAnApprovalWithChangesThatChangesNothing() {
        assertField(Kind.RENEWAL, "{\"decision\":\"approve-with-changes\",\"note\":\"ok\"}", "decision");
    }

    private static void assertField(Kind kind, String body, String field) {
        assertThatThrownBy(() -> ANSWERS.read(kind, body))
                .isInstanceOf(BadRequestException.class)
                .extracting("parameter")
                .isEqualTo(field);
    }
}
