package io.rxflow.hub.conversation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rxflow.hub.conversation.PrescriberAnswer.Decision;
import io.rxflow.hub.conversation.PrescriberAnswer.Kind;
import io.rxflow.hub.support.BadRequestException;
import io.rxflow.hub.support.ScriptText;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the prescriber's answer ({@code {"decision": "deny", "reason_code": "AF", ...}},
 * docs/conversation.md) and refuses, naming the field, anything the SCRIPT response could not carry:
 * an unknown decision or field, a field that does not fit the decision, a ReasonCode outside the list,
 * text that is not SCRIPT text or too long.
 */
public final class PrescriberAnswers {
    /** RxRenewalResponse Denied ReasonCode: the codes of the official list the reference confirms. */
    public static final List<String> RENEWAL_DENIAL_CODES =
            List.of("AA", "AB", "AC", "AD", "AE", "AF", "AG", "AM", "DA");
    /** RxChangeResponse Denied ReasonCode: the same for the change list. */
    public static final List<String> CHANGE_DENIAL_CODES = List.of("AA", "AB", "AC", "AE", "AF", "AL", "AM", "AN");

    private static final Pattern QUANTITY = Pattern.compile("[0-9]+(\\.[0-9]+)?");
    private static final Set<String> CHANGES = Set.of("quantity", "days_supply", "sig");
    private static final Map<Decision, Set<String>> ALLOWED = Map.of(
            Decision.APPROVE, Set.of("decision", "note", "number_of_refills", "requested", "prohibit_renewal_request"),
            Decision.APPROVE_WITH_CHANGES, approvalWithChanges(),
            Decision.REPLACE, approvalWithChanges(),
            Decision.DENY, Set.of("decision", "reason_code", "reason", "prohibit_renewal_request"));

    private final ObjectMapper json;

    public PrescriberAnswers(ObjectMapper json) {
        this.json = json;
    }

    /** The checked answer, or {@link BadRequestException} naming the field at fault. */
    public PrescriberAnswer read(Kind kind, String body) {
        JsonNode root = root(body);
        Decision decision = decision(kind, root.get("decision"));
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!ALLOWED.get(decision).contains(name)) {
                throw bad(name, "is not part of a " + decision.text() + " answer");
            }
        }
        if (kind == Kind.RENEWAL && root.has("requested")) {
            throw bad("requested", "names a requested medication, which only a change request has");
        }
        String reasonCode = text(root, "reason_code", 3);
        if (decision == Decision.DENY) {
            List<String> codes = kind == Kind.RENEWAL ? RENEWAL_DENIAL_CODES : CHANGE_DENIAL_CODES;
            if (reasonCode == null || !codes.contains(reasonCode)) {
                throw bad("reason_code", "is required for a denial and must be one of " + codes);
            }
        }
        var answer = new PrescriberAnswer(
                kind,
                decision,
                reasonCode,
                text(root, "reason", 260),
                text(root, "note", 70),
                integer(root, "number_of_refills", 0, 99),
                quantity(root),
                integer(root, "days_supply", 1, 999),
                text(root, "sig", 1000),
                root.has("requested") ? integer(root, "requested", 0, 8) : 0,
                bool(root, "prohibit_renewal_request"));
        if (decision == Decision.APPROVE_WITH_CHANGES || decision == Decision.REPLACE) {
            boolean changes = CHANGES.stream().anyMatch(root::has) || root.has("number_of_refills");
            if (!changes) {
                throw bad(
                        "decision",
                        "approve-with-changes and replace need at least one of "
                                + "quantity, days_supply, sig, number_of_refills");
            }
        }
        return answer;
    }

    private JsonNode root(String body) {
        if (body == null || body.isBlank()) {
            throw bad("decision", "is required: the body is {\"decision\": \"approve\" | ...}");
        }
        try {
            JsonNode root = json.readTree(body);
            if (root == null || !root.isObject()) {
                throw bad("decision", "the body must be a JSON object");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw bad("decision", "the body is not JSON");
        }
    }

    private static Decision decision(Kind kind, JsonNode node) {
        String value = node == null || !node.isTextual() ? null : node.asText();
        Decision found = Arrays.stream(Decision.values())
                .filter(d -> d.text().equals(value))
                .findFirst()
                .orElseThrow(() -> bad("decision", "must be approve, approve-with-changes, deny or replace"));
        if (found == Decision.REPLACE && kind == Kind.CHANGE) {
            throw bad("decision", "replace answers a renewal only (RxChangeResponse has no Replace)");
        }
        return found;
    }

    private static String text(JsonNode root, String field, int maxLength) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        String value = node.isTextual() ? node.asText().strip() : null;
        if (value == null || value.isEmpty() || !ScriptText.isAscii(value) || !ScriptText.fits(value, maxLength)) {
            throw bad(field, "must be printable ASCII text of 1 to " + maxLength + " characters");
        }
        return value;
    }

    private static Integer integer(JsonNode root, String field, int min, int max) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || node.asLong() < min || node.asLong() > max) {
            throw bad(field, "must be a whole number from " + min + " to " + max);
        }
        return node.asInt();
    }

    private static String quantity(JsonNode root) {
        JsonNode node = root.get("quantity");
        if (node == null || node.isNull()) {
            return null;
        }
        String value = node.isNumber() ? node.decimalValue().toPlainString() : node.asText();
        if (!QUANTITY.matcher(value).matches() || value.length() > 11 || Double.parseDouble(value) <= 0) {
            throw bad("quantity", "must be a positive decimal of at most 11 characters (SCRIPT n11)");
        }
        return value;
    }

    private static Boolean bool(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            throw bad(field, "must be true or false");
        }
        return node.asBoolean();
    }

    private static Set<String> approvalWithChanges() {
        return Set.of(
                "decision",
                "note",
                "number_of_refills",
                "quantity",
                "days_supply",
                "sig",
                "requested",
                "prohibit_renewal_request");
    }

    private static BadRequestException bad(String field, String problem) {
        return new BadRequestException(field + " " + problem, field);
    }
}
