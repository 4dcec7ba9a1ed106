-- Flyway runs this after every migrate, i.e. at every start of the hub: the event store's partitions
-- for this month and the next two exist before the first prescription is taken (V62; route
-- rx-event-partitions keeps them ahead while the hub runs).
SELECT rxflow_event_partitions_ahead(2);
