package io.rxflow.hub.intake;

import io.rxflow.hub.support.PrescriptionResources;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.hl7.fhir.r5.model.CodeableConcept;
import org.hl7.fhir.r5.model.Coding;
import org.hl7.fhir.r5.model.Dosage;
import org.hl7.fhir.r5.model.HumanName;
import org.hl7.fhir.r5.model.Identifier;
import org.hl7.fhir.r5.model.MedicationRequest;
import org.hl7.fhir.r5.model.OperationOutcome.IssueType;

/**
 * Idempotency keys. Without a client key, the key is an HMAC-SHA256 under the server secret of the
 * prescription's canonical clinical content: the same order sent again, in any shape or format, gets
 * the same key, and the key itself reveals nothing of the patient.
 */
public final class IdempotencyKeys {
    private static final char SEP = '\u001f';
    private final ThreadLocal<Mac> mac;

    public IdempotencyKeys(String secret) {
        // A blank secret or an unresolved ${...} placeholder is a constant anyone can know: refuse it.
        if (secret == null || secret.isBlank() || secret.contains("${")) {
            throw new IllegalStateException(
                    "The idempotency secret is blank or an unresolved ${...} placeholder: set RXFLOW_IDEMPOTENCY_SECRET");
        }
        var key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.mac = ThreadLocal.withInitial(() -> {
            try {
                Mac m = Mac.getInstance("HmacSHA256");
                m.init(key);
                return m;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is required by every Java runtime", e);
            }
        });
    }

    /** The client's {@code Idempotency-Key}, scoped to its API key, or the content HMAC when absent. */
    public String keyFor(PrescriptionResources r, String clientKey, String actor) {
        if (clientKey != null && !clientKey.isEmpty()) {
            if (clientKey.length() > 255 || !clientKey.matches("[\\x21-\\x7E]+")) {
                throw new InputRejectedException(
                        400,
                        IssueType.VALUE,
                        "idempotency-key-invalid",
                        "The Idempotency-Key header must be 1 to 255 printable ASCII characters",
                        null);
            }
            return "client:" + actor + ":" + clientKey;
        }
        byte[] digest = mac.get().doFinal(canonical(r).getBytes(StandardCharsets.UTF_8));
        return "hmac:" + HexFormat.of().formatHex(digest);
    }

    /** The clinical content that makes two submissions the same prescription. */
    static String canonical(PrescriptionResources r) {
        MedicationRequest mr = r.medicationRequest();
        var patient = r.patient();
        var parts = Stream.of(
                identifiers(mr.getIdentifier()),
                mr.getAuthoredOnElement().getValueAsString(),
                names(patient.getName()),
                patient.getBirthDateElement().getValueAsString(),
                patient.hasGender() ? patient.getGender().toCode() : "",
                identifiers(r.practitioner().getIdentifier()),
                r.pharmacy() == null ? "" : identifiers(r.pharmacy().getIdentifier()),
                codes(
                        r.medication() != null
                                ? r.medication().getCode()
                                : mr.getMedication().getConcept()),
                mr.getDispenseRequest().getQuantity().getValueElement().getValueAsString(),
                mr.getDispenseRequest().getQuantity().getCode(),
                mr.getDispenseRequest().getNumberOfRepeatsAllowedElement().getValueAsString(),
                mr.getDispenseRequest()
                        .getExpectedSupplyDuration()
                        .getValueElement()
                        .getValueAsString(),
                mr.getRenderedDosageInstruction(),
                mr.getDosageInstruction().stream().map(Dosage::getText).collect(Collectors.joining("|")));
        return parts.map(p -> p == null ? "" : p).collect(Collectors.joining(String.valueOf(SEP)));
    }

    private static String identifiers(List<Identifier> ids) {
        return ids.stream()
                .map(i -> i.getSystem() + "|" + i.getValue())
                .sorted()
                .collect(Collectors.joining(","));
    }

    private static String names(List<HumanName> names) {
        return names.stream()
                .map(n -> n.getFamily() + "|" + n.getGivenAsSingleString())
                .sorted()
                .collect(Collectors.joining(","));
    }

    private static String codes(CodeableConcept concept) {
        return concept.getCoding().stream().map(Coding::getSystem).sorted().collect(Collectors.joining(","))
                + "#"
                + concept.getCoding().stream().map(Coding::getCode).sorted().collect(Collectors.joining(","));
    }
}
