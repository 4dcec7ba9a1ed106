package io.rxflow.hub.browser;

import io.rxflow.hub.support.BadRequestException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The browser's query: what to match, how many per page, and where the page starts (the cursor of
 * the last row of the previous page). Every parameter is checked; a bad one is a 400 naming it.
 */
record SearchFilter(
        String status,
        String pharmacy,
        String patientIdentifier,
        OffsetDateTime from,
        OffsetDateTime to,
        String messageId,
        Boolean controlled,
        int limit,
        Cursor after) {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    static final Set<String> PARAMETERS = Set.of(
            "status", "pharmacy", "patient_identifier", "from", "to", "message_id", "controlled", "limit", "after");

    /** Where a page starts: strictly older than this row in the browser's order (newest first). */
    record Cursor(OffsetDateTime createdAt, UUID id) {
        String encode() {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString((createdAt + "|" + id).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String text) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\\|");
                return new Cursor(OffsetDateTime.parse(parts[0]), UUID.fromString(parts[1]));
            } catch (RuntimeException e) {
                throw new BadRequestException("'after' is not a cursor this hub handed out", "after");
            }
        }
    }

    static SearchFilter of(Map<String, Object> query) {
        return new SearchFilter(
                text(query, "status"),
                text(query, "pharmacy"),
                text(query, "patient_identifier"),
                instant(query, "from"),
                instant(query, "to"),
                text(query, "message_id"),
                bool(query, "controlled"),
                limit(query),
                text(query, "after") == null ? null : Cursor.decode(text(query, "after")));
    }

    /** Which filters were used, never their values (a patient identifier is PHI): for the audit row. */
    Map<String, Object> used() {
        Map<String, Object> used = new LinkedHashMap<>();
        used.put("status", status != null);
        used.put("pharmacy", pharmacy != null);
        used.put("patient_identifier", patientIdentifier != null);
        used.put("from", from != null);
        used.put("to", to != null);
        used.put("message_id", messageId != null);
        used.put("controlled", controlled != null);
        used.values().removeIf(v -> v.equals(false));
        return used;
    }

    private static String text(Map<String, Object> query, String name) {
        Object value = query.get(name);
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        String text = value.toString().strip();
        if (text.length() > 200) {
            throw new BadRequestException("'" + name + "' is longer than 200 characters", name);
        }
        return text;
    }

    private static OffsetDateTime instant(Map<String, Object> query, String name) {
        String text = text(query, name);
        try {
            return text == null ? null : OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            throw new BadRequestException(
                    "'" + name + "' must be an ISO-8601 date-time with an offset, e.g. 2026-12-04T00:00:00Z", name);
        }
    }

    private static Boolean bool(Map<String, Object> query, String name) {
        String text = text(query, name);
        if (text == null) {
            return null;
        }
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new BadRequestException("'" + name + "' must be true or false", name);
        };
    }

    private static int limit(Map<String, Object> query) {
        String text = text(query, "limit");
        if (text == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // Refused below with the range.
        }
        throw new BadRequestException("'limit' must be a whole number from 1 to " + MAX_LIMIT, "limit");
    }
}
