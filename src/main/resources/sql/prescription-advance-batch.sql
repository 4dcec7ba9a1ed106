-- Dispatch group commit: moves the read model of every prescription of a batch of outcomes, in one
-- statement. A prescription with several outcomes in the batch moves once by their number and takes the
-- status of the last that names one (a null status, the delivery of a follow-up such as a CancelRx,
-- keeps the current status: its answer settles it); back comes, per outcome (its position n), the version of its event. An outcome
-- whose prescription is not in the database gets no row. Rows are locked in id order, so two writers
-- cannot deadlock on each other's prescriptions.
WITH o AS (
    SELECT CAST(p AS uuid) AS prescription_id, status, n
    FROM unnest(CAST(:prescriptionId AS text[]), CAST(:status AS text[])) WITH ORDINALITY AS b(p, status, n)
), per AS (
    SELECT prescription_id, count(*) AS moves, (array_agg(status ORDER BY n DESC) FILTER (WHERE status IS NOT NULL))[1] AS last_status
    FROM o
    GROUP BY prescription_id
), locked AS (
    SELECT p.id FROM prescription p JOIN per ON per.prescription_id = p.id ORDER BY p.id FOR UPDATE OF p
), moved AS (
    UPDATE prescription p
    SET status = COALESCE(per.last_status, p.status), version = p.version + per.moves, updated_at = now()
    FROM per JOIN locked ON locked.id = per.prescription_id
    WHERE p.id = per.prescription_id
    RETURNING p.id, p.version - per.moves AS base
)
SELECT o.n, moved.base + row_number() OVER (PARTITION BY o.prescription_id ORDER BY o.n) AS version
FROM o JOIN moved ON moved.id = o.prescription_id
