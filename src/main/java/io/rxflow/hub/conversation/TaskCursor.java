package io.rxflow.hub.conversation;

import io.rxflow.hub.support.BadRequestException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.UUID;

/**
 * Where a Task search page ends, in the search's order (newest request first): the request's time,
 * prescription and version. The next page's {@code _cursor} carries it, opaque to the client.
 */
record TaskCursor(OffsetDateTime at, UUID prescription, int version) {

    /** The token of {@code _cursor}: URL-safe, no padding. */
    String token() {
        String text = at + "|" + prescription + "|" + version;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor of a {@code _cursor} token, null when none was given; a token the hub did not make is a 400. */
    static TaskCursor parse(String token) {
        if (token == null || token.isBlank()) {
            return null;
        }
        try {
            String[] parts =
                    new String(Base64.getUrlDecoder().decode(token.strip()), StandardCharsets.UTF_8).split("\\|", -1);
            if (parts.length == 3) {
                return new TaskCursor(
                        OffsetDateTime.parse(parts[0]), UUID.fromString(parts[1]), Integer.parseInt(parts[2]));
            }
        } catch (IllegalArgumentException | DateTimeParseException e) {
            // answered below
        }
        throw new BadRequestException(
                "_cursor is not a cursor of this search: take it from the Bundle's next link", "_cursor");
    }
}
