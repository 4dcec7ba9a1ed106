-- When a prescription was accepted (its 201), for the answer-latency histogram.
SELECT created_at FROM prescription WHERE id = CAST(:id AS uuid)
