package io.rxflow.hub.script;

import java.util.Objects;
import javax.xml.validation.Schema;
import javax.xml.validation.Validator;
import javax.xml.validation.ValidatorHandler;

/**
 * A compiled schema that hands each thread one {@link ValidatorHandler}, reused for every document the
 * thread validates. The JAXB marshaller asks its schema for a new handler on every marshal, and making
 * one (a validator, its symbol table, its components) costs more than validating a NewRx with it; a
 * handler resets itself at each {@code startDocument}, so reusing it validates exactly as a new one
 * would. Not for handlers that outlive a document on another thread: one thread, one document at a
 * time, as a per-thread marshaller uses it.
 */
public final class PerThreadValidation extends Schema {
    private final Schema schema;
    private final ThreadLocal<ValidatorHandler> handlers;

    public PerThreadValidation(Schema schema) {
        this.schema = Objects.requireNonNull(schema);
        this.handlers = ThreadLocal.withInitial(schema::newValidatorHandler);
    }

    @Override
    public Validator newValidator() {
        return schema.newValidator();
    }

    /** This thread's handler; its error and content handlers are whatever the caller sets next. */
    @Override
    public ValidatorHandler newValidatorHandler() {
        return handlers.get();
    }

    /** True when this is the per-thread form of {@code compiled}. */
    public boolean wraps(Schema compiled) {
        return schema == compiled;
    }

    /** Drops this thread's handler (after a failed document), so the next one starts from a new handler. */
    public void discard() {
        handlers.remove();
    }
}
