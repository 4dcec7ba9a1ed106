-- The prescription a pharmacy message is about, locked until the message is applied.
SELECT id, status, pharmacy_ncpdp_id, version FROM prescription WHERE id = :id FOR UPDATE
