-- What a bank statement says of a transaction besides its amount, reference and counterparty name
-- (camt): the counterparty's IBAN (the debtor's on a credit, the creditor's on a debit), the bank
-- transaction code (ISO 20022 domain/family/sub-family, e.g. PMNT/RCDT/ESCT, and the bank's
-- proprietary code) and the payer's end-to-end id. Null for records whose source has none.
ALTER TABLE item ADD COLUMN counterparty_iban VARCHAR(34);
ALTER TABLE item ADD COLUMN bank_tx_code VARCHAR(35);
ALTER TABLE item ADD COLUMN bank_tx_code_proprietary VARCHAR(35);
ALTER TABLE item ADD COLUMN end_to_end_id VARCHAR(35);
