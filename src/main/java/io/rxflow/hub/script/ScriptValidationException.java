package io.rxflow.hub.script;

/**
 * A SCRIPT message is not valid against a schema, or cannot be parsed safely. Thrown for the hub's own
 * output it is a hub defect (the mapper should have refused first), so it is permanent, never retried.
 */
public final class ScriptValidationException extends RuntimeException {
    public ScriptValidationException(String message, Throwable cause) {
        super(message, cause);
    }
}
