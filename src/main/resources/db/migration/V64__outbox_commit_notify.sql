-- The relay waits for commits instead of polling (io.rxflow.hub.outbox.OutboxWakeup): every statement
-- that adds outbox rows sends a notification on channel rxflow_outbox. PostgreSQL delivers it to the
-- listening relays only when, and if, the transaction commits, and folds a transaction's notifications
-- on the same channel and payload into one, so a group commit of many prescriptions wakes the relay once.
CREATE FUNCTION rxflow_outbox_notify() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('rxflow_outbox', '');
    RETURN NULL;
END
$$;

CREATE TRIGGER outbox_wakes_relay
    AFTER INSERT ON outbox
    FOR EACH STATEMENT EXECUTE FUNCTION rxflow_outbox_notify();
