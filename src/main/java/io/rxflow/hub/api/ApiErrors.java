package io.rxflow.hub.api;

import io.micrometer.core.instrument.MeterRegistry;
import io.rxflow.hub.intake.FhirFormat;
import io.rxflow.hub.intake.FhirWriters;
import io.rxflow.hub.intake.InputRejectedException;
import io.rxflow.hub.intake.IntakeBusyException;
import io.rxflow.hub.intake.IntakeRequest;
import io.rxflow.hub.intake.R4Names;
import io.rxflow.hub.intake.validation.ValidationFailedException;
import io.rxflow.hub.script.ScriptConversionException;
import io.rxflow.hub.support.BadRequestException;
import io.rxflow.hub.support.ConflictException;
import io.rxflow.hub.support.ForbiddenException;
import io.rxflow.hub.support.HttpReplies;
import io.rxflow.hub.support.NotFoundException;
import io.rxflow.hub.support.Violation;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.hl7.fhir.r5.model.OperationOutcome;
import org.hl7.fhir.r5.model.OperationOutcome.IssueType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Answers a failed API call with an OperationOutcome and the fitting status, and lists the audit rows
 * of a refused submission (rule and element, never the content). Declared once in
 * {@code rx-api-errors} and used by every API route.
 */
@Component("apiErrors")
public class ApiErrors {
    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);
    /** Seconds a client should wait before sending again when the database is unavailable. */
    static final String RETRY_AFTER_SECONDS = "5";
    /**
     * SQLSTATEs meaning "the database is not there right now": connection exceptions (class 08),
     * terminated by an administrator or a shutdown (57P01-57P03, e.g. pg_terminate_backend), too many
     * connections, serialization failure and deadlock (the transaction was rolled back whole).
     */
    private static final Set<String> TRANSIENT_SQL_STATES =
            Set.of("57P01", "57P02", "57P03", "53300", "40001", "40P01");

    private final FhirWriters writers;
    private final MeterRegistry meters;
    private final Clock clock;

    public ApiErrors(FhirWriters writers, MeterRegistry meters, Clock clock) {
        this.writers = writers;
        this.meters = meters;
        this.clock = clock;
    }

    /** Sets the OperationOutcome answer for the exception the exchange failed with. */
    public void answer(Exchange exchange) {
        Exception e = caught(exchange);
        int status;
        OperationOutcome outcome;
        if (e instanceof ValidationFailedException v) {
            status = 422;
            outcome = OperationOutcomes.invalid(v.violations());
        } else if (e instanceof InputRejectedException r) {
            status = r.httpStatus();
            outcome = OperationOutcomes.error(r.issueType(), r.getMessage(), r.expression());
        } else if (e instanceof ScriptConversionException c) {
            status = 422;
            outcome = OperationOutcomes.error(IssueType.NOTSUPPORTED, c.getMessage(), null);
        } else if (e instanceof ConflictException c) {
            status = 409;
            outcome = OperationOutcomes.error(IssueType.CONFLICT, c.getMessage(), null);
        } else if (e instanceof ForbiddenException f) {
            status = 403;
            outcome = OperationOutcomes.error(IssueType.FORBIDDEN, f.getMessage(), null);
        } else if (e instanceof NotFoundException n) {
            status = 404;
            outcome = OperationOutcomes.error(IssueType.NOTFOUND, n.getMessage(), null);
        } else if (e instanceof BadRequestException b) {
            status = 400;
            outcome = OperationOutcomes.error(IssueType.INVALID, b.getMessage(), b.parameter());
        } else if (databaseUnavailable(e)) {
            // The store is one transaction, so nothing is half-written; a connection lost during COMMIT
            // leaves it unknown whether it was committed, and the idempotency key makes the resend safe.
            String correlationId = exchange.getMessage().getHeader(HttpReplies.CORRELATION_ID, String.class);
            log.warn(
                    "Request {} answered 503: database unavailable ({})",
                    correlationId,
                    e.getClass().getName());
            FhirFormat format = IntakeResponses.requestedFormat(exchange);
            HttpReplies.reply(
                    exchange.getMessage(),
                    503,
                    format.mediaType(),
                    writers.of(format)
                            .encodeResourceToString(OperationOutcomes.error(
                                    IssueType.TRANSIENT,
                                    "Database unavailable. Send the same request again after Retry-After seconds"
                                            + " (a resend is never stored twice);"
                                            + " correlation id " + correlationId,
                                    null)),
                    null);
            exchange.getMessage().setHeader("Retry-After", RETRY_AFTER_SECONDS);
            return;
        } else if (e instanceof IntakeBusyException b) {
            status = 503;
            outcome = OperationOutcomes.error(IssueType.TRANSIENT, b.getMessage(), null);
        } else {
            status = 500;
            String correlationId = exchange.getMessage().getHeader(HttpReplies.CORRELATION_ID, String.class);
            // The type only: an exception message may quote message content, and logs never hold PHI.
            log.error("Request {} failed with {}", correlationId, withoutMessage(e));
            outcome = OperationOutcomes.error(
                    IssueType.EXCEPTION, "Internal error; quote correlation id " + correlationId, null);
        }
        FhirFormat format = IntakeResponses.requestedFormat(exchange);
        HttpReplies.reply(
                exchange.getMessage(),
                status,
                format.mediaType(),
                writers.of(format).encodeResourceToString(outcome),
                null);
        if (status == 503) {
            exchange.getMessage().setHeader("Retry-After", IntakeBusyException.RETRY_AFTER_SECONDS);
        }
    }

    /** Whether the failure, anywhere in its cause chain, is a database that is unreachable or went away. */
    static boolean databaseUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TransientDataAccessException
                    || t instanceof DataAccessResourceFailureException
                    || t instanceof CannotCreateTransactionException
                    // Commit or rollback failed: with one JDBC transaction manager, only a lost connection.
                    || t instanceof TransactionSystemException
                    || t instanceof SQLTransientException
                    || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || TRANSIENT_SQL_STATES.contains(state)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The failure, its elements named as an R4 sender wrote them when the submission was FHIR R4. */
    private static Exception caught(Exchange exchange) {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        IntakeRequest request = exchange.getProperty("rxRequest", IntakeRequest.class);
        return request != null && request.r4() ? R4Names.inR4Terms(e) : e;
    }

    /** The exception's type and where it was thrown, without its message (messages may quote content). */
    static String withoutMessage(Throwable e) {
        if (e == null) {
            return "unknown error";
        }
        var text = new StringBuilder(e.getClass().getName());
        StackTraceElement[] frames = e.getStackTrace();
        for (int i = 0; i < Math.min(8, frames.length); i++) {
            text.append("\n\tat ").append(frames[i]);
        }
        if (e.getCause() != null && e.getCause() != e) {
            text.append("\ncaused by ").append(withoutMessage(e.getCause()));
        }
        return text.toString();
    }

    /** One audit row per broken rule of a refused submission, for {@code rejection-record.sql}. */
    public List<Map<String, Object>> rejectionRows(Exchange exchange) {
        Exception e = caught(exchange);
        List<Violation> violations = new ArrayList<>();
        int status;
        if (e instanceof ValidationFailedException v) {
            status = 422;
            violations.addAll(v.violations());
        } else if (e instanceof InputRejectedException r) {
            status = r.httpStatus();
            violations.add(new Violation(r.expression(), "", r.rule()));
        } else {
            return List.of();
        }
        var m = exchange.getMessage();
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Violation v : violations) {
            meters.counter("rxflow.intake.rejections", "rule", v.rule()).increment();
            Map<String, Object> row = new HashMap<>();
            row.put("rejectedAt", now);
            row.put("actor", m.getHeader("X-RxFlow-Actor", "unknown", String.class));
            row.put("correlationId", m.getHeader(HttpReplies.CORRELATION_ID, "", String.class));
            row.put("httpStatus", status);
            row.put("rule", v.rule());
            row.put("expression", v.expression());
            rows.add(row);
        }
        return rows;
    }
}
