INSERT INTO intake_rejection (rejected_at, actor, correlation_id, http_status, rule, expression)
VALUES (:#rejectedAt, :#actor, :#correlationId, :#httpStatus, :#rule, :#expression)
