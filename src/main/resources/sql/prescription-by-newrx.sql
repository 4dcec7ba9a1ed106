SELECT id FROM prescription WHERE newrx_message_id = :#${exchangeProperty.rxReply.relatesToMessageId()}
