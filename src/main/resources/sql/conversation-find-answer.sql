-- A pharmacy's message already answered: the same answer again.
SELECT answer FROM pharmacy_message WHERE pharmacy_ncpdp_id = :pharmacy AND message_id = :messageId
