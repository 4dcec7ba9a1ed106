-- Run in the relay's transaction just before outbox-claim.sql (settings local to that transaction): the
-- claim walks outbox_pending_idx in id order. A published row leaves a dead entry in that partial index
-- until VACUUM; an index scan marks each one dead the first time it passes it and skips it after, while
-- the bitmap scan the planner picks when its statistics are missing or were taken with rows pending (and
-- the sequential scan it picks for a small table) reads every row published since the last VACUUM on
-- every claim: 4.8 ms a claim after one benchmark minute, growing until VACUUM (docs/benchmarks.md,
-- "Seventh look"; OutboxClaimPlanIT).
-- And the transaction's prepared statements run on their generic plan: outbox-mark-published.sql's
-- id array is a constant to a custom plan, which the planner then costs cheaper than the generic one,
-- so PostgreSQL planned it again on every run (~180 µs of planning for ~110 µs of execution;
-- docs/benchmarks.md, "Fourteenth look"). Its generic plan is the same index scan on outbox_pkey.
SELECT set_config('enable_bitmapscan', 'off', true), set_config('enable_seqscan', 'off', true),
       set_config('plan_cache_mode', 'force_generic_plan', true)
