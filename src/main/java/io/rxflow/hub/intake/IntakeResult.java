package io.rxflow.hub.intake;

import java.time.OffsetDateTime;

/** What intake answers: the prescription, and whether this request created it or found it. */
public record IntakeResult(
        String id,
        String status,
        String idempotencyKey,
        boolean controlled,
        OffsetDateTime createdAt,
        int version,
        boolean created,
        String medicationRequestJson) {}
