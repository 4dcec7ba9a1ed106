-- Run in the sender's transaction just before ehr-push-claim.sql (settings local to that transaction):
-- the claim walks ehr_push_pending_idx and ehr_push_pending_prescription_idx. A pushed row leaves a dead
-- entry in both partial indexes until VACUUM; an index scan marks each one dead the first time it passes
-- it and skips it after, while the bitmap or sequential scan the planner may pick reads every row pushed
-- since the last VACUUM on every claim, as the outbox relay's claim did (outbox-claim-plan.sql,
-- EhrPushClaimPlanIT).
SELECT set_config('enable_bitmapscan', 'off', true), set_config('enable_seqscan', 'off', true)
