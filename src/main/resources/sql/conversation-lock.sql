-- The prescription a pharmacy message or a cancel is about, locked until it is applied.
SELECT id, status, pharmacy_ncpdp_id, rx_reference_number, version FROM prescription WHERE id = :id FOR UPDATE
