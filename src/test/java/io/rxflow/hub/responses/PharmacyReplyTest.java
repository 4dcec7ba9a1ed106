package io.rxflow.hub.responses;

import static org.assertj.core.api.Assertions.assertThat;

import io.rxflow.hub.responses.PharmacyReply.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PharmacyReplyTest {

    @ParameterizedTest(name = "{0} {1} description {2}: accepted {3}, transient {4}")
    @CsvSource(
            nullValues = "-",
            value = {
                "STATUS, 000, -,   true,  false",
                "STATUS, 010, -,   true,  false",
                "STATUS, 001, -,   false, false",
                "VERIFY, 010, -,   true,  false",
                "ERROR,  600, -,   false, true",
                "ERROR,  601, -,   false, true",
                "ERROR,  602, 008, false, true",
                "ERROR,  700, -,   false, false",
                "ERROR,  900, 1000, false, false",
                "ERROR,  602, 220, false, false",
            })
    void classifiesAnswersByTheReferenceRules(
            Kind kind, String code, String descriptionCode, boolean accepted, boolean transientFailure) {
        var reply = new PharmacyReply(kind, code, descriptionCode, null, "r1", "n1");

        assertThat(reply.accepted()).isEqualTo(accepted);
        assertThat(reply.transientFailure()).isEqualTo(transientFailure);
    }
}
