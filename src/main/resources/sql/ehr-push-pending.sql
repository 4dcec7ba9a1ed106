-- Rows not pushed yet (the rxflow_ehr_push_pending gauge).
SELECT count(*) FROM ehr_push WHERE pushed_at IS NULL
