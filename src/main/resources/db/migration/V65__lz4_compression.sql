-- The large values of the hot path compressed with LZ4 instead of PostgreSQL's default pglz: each
-- prescription writes four of them (the stored MedicationRequest, the PrescriptionReceived and
-- NewRxPrepared events, the NewRx in the outbox; 4-6 KB of JSON or XML each, ~20 KB in all), and pglz
-- compresses them several times slower than LZ4, which takes ~15 % more space (docs/benchmarks.md,
-- "Fourteenth look"). Only values written from now on are compressed the new way; both kinds are read
-- alike. A server built without LZ4 (its default_toast_compression does not offer it) keeps pglz.
-- A column's compression does not reach a partition that already exists, so each event partition is
-- set too; partitions created later (rxflow_event_partition_create) take it from prescription_event.
DO $$
DECLARE
    part regclass;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_settings
                    WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
        RAISE NOTICE 'this PostgreSQL server has no LZ4 compression: large values stay compressed with pglz';
        RETURN;
    END IF;
    ALTER TABLE prescription ALTER COLUMN medication_request SET COMPRESSION lz4;
    ALTER TABLE outbox ALTER COLUMN payload SET COMPRESSION lz4;
    ALTER TABLE prescription_event ALTER COLUMN payload SET COMPRESSION lz4;
    FOR part IN SELECT inhrelid::regclass FROM pg_inherits WHERE inhparent = 'prescription_event'::regclass LOOP
        EXECUTE format('ALTER TABLE %s ALTER COLUMN payload SET COMPRESSION lz4', part);
    END LOOP;
END
$$;
