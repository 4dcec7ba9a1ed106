package io.rxflow.hub.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rxflow.hub.support.BadRequestException;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TaskCursorTest {

    @Test
    void aTokenComesBackAsTheSameCursorToTheMicrosecond() {
        var cursor = new TaskCursor(
                OffsetDateTime.parse("2026-12-05T06:30:01.123456Z"),
                UUID.fromString("019a0000-0000-7000-8000-000000000001"),
                7);
        assertThat(cursor.token()).doesNotContain("=", "+", "/");
        assertThat(TaskCursor.parse(cursor.token())).isEqualTo(cursor);
    }

    @Test
    void noTokenIsTheFirstPage() {
        assertThat(TaskCursor.parse(null)).isNull();
        assertThat(TaskCursor.parse(" ")).isNull();
    }

    @Test
    void aTokenTheHubDidNotMakeIsABadRequestNamingTheParameter() {
        String notOurs = Base64.getUrlEncoder().encodeToString("2026-12-05|not-a-uuid|x".getBytes());
        for (String token : new String[] {"%%%", notOurs, "bm90LWEtY3Vyc29y"}) {
            assertThatThrownBy(() -> TaskCursor.parse(token))
                    .isInstanceOf(BadRequestException.class)
                    .satisfies(e ->
                            assertThat(((BadRequestException) e).parameter()).isEqualTo("_cursor"));
        }
    }
}
