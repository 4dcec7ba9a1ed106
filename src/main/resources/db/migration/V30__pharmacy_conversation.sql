-- The conversation with pharmacies after the NewRx (docs/conversation.md).

-- Every message a pharmacy sent on /ncpdp/inbound that had a MessageID, once: its outcome and the
-- answer it got, so a duplicate is answered as the first time. Never the message's content (PHI);
-- a message that correlates to nothing is parked on dead.letter with its content.
CREATE TABLE pharmacy_message (
    pharmacy_ncpdp_id text        NOT NULL,
    message_id        text        NOT NULL,
    received_at       timestamptz NOT NULL,
    transaction_type  text,
    prescription_id   uuid,
    outcome           text        NOT NULL CHECK (outcome IN ('accepted', 'refused', 'parked')),
    error_code        text,
    description_code  text,
    reason            text,
    answer            text        NOT NULL,
    PRIMARY KEY (pharmacy_ncpdp_id, message_id)
);

CREATE INDEX pharmacy_message_outcome_idx ON pharmacy_message (outcome, received_at);

-- The pharmacy's own prescription number (Header/RxReferenceNumber), stored when first received.
ALTER TABLE prescription ADD COLUMN rx_reference_number text;
CREATE INDEX prescription_rx_reference_idx ON prescription (pharmacy_ncpdp_id, rx_reference_number);

-- PrescriberOrderNumber is the MedicationRequest's first identifier value (mapping.md).
CREATE INDEX prescription_order_number_idx ON prescription ((medication_request #>> '{identifier,0,value}'));
