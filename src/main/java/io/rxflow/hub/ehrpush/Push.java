package io.rxflow.hub.ehrpush;

import java.util.UUID;

/** A claimed {@code ehr_push} row: which EHR, which prescription, which resource, tried how often. */
public record Push(long id, String ehr, UUID prescription, String resourceType, String resourceId, int attempts) {}
