-- The prescriptions a pharmacy message names, by each correlation key (reference section 4):
-- RelatesToMessageID (a NewRx or any message the hub sent), then PrescriberOrderNumber and
-- RxReferenceNumber among the sending pharmacy's own prescriptions.
SELECT 'relates_to' AS key_name, p.id FROM prescription p WHERE p.newrx_message_id = :relatesTo
UNION
SELECT 'relates_to', o.aggregate_id FROM outbox o WHERE o.message_id = :relatesTo
UNION
SELECT 'order_number', p.id FROM prescription p
WHERE p.pharmacy_ncpdp_id = :pharmacy AND p.medication_request #>> '{identifier,0,value}' = :orderNumber
UNION
SELECT 'rx_reference', p.id FROM prescription p
WHERE p.pharmacy_ncpdp_id = :pharmacy AND p.rx_reference_number = :rxReference
