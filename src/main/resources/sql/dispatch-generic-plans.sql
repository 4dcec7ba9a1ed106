-- Run first in each dispatch group commit (local to its transaction): its statements run on their
-- generic plans. prescription-advance-batch.sql takes its arrays through unnest, whose row count a
-- custom plan knows from the constant (1 for one outcome) and a generic plan guesses (10); the planner
-- therefore found every custom plan cheaper and PostgreSQL planned the statement again on every batch:
-- ~420 µs of planning for ~310 µs of execution (docs/benchmarks.md, "Fourteenth look"). The generic
-- plan is the same nested loop over prescription_pkey whatever the batch size.
SELECT set_config('plan_cache_mode', 'force_generic_plan', true)
