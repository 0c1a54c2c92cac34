-- Which reconciliation a group belongs to: CASH (bank and ledger lines), SETTLEMENT (gateway
-- transactions and the bank line that pays out their payout) or SALES (gateway transactions and
-- the ledger lines that book them). A gateway transaction may be in one accepted group of each of
-- SETTLEMENT and SALES; a bank or ledger line in one accepted group at all.
ALTER TABLE match_group ADD COLUMN scope VARCHAR(16) DEFAULT 'CASH' NOT NULL;

UPDATE match_group SET scope = 'SETTLEMENT'
WHERE EXISTS (SELECT 1 FROM match_member m WHERE m.group_id = match_group.id AND m.side = 'GATEWAY');

UPDATE match_group SET scope = 'SALES'
WHERE scope = 'SETTLEMENT'
  AND EXISTS (SELECT 1 FROM match_member m WHERE m.group_id = match_group.id AND m.side = 'LEDGER')
  AND NOT EXISTS (SELECT 1 FROM match_member m WHERE m.group_id = match_group.id AND m.side = 'BANK');

CREATE INDEX ix_match_group_status_scope ON match_group (status, scope);
