-- What inserting a million items costs PostgreSQL, index by index and constraint by constraint.
--
-- Run it on a database that `recon bench` filled, for example:
--   RECON_JAVA_OPTS=-Xmx6g ./recon bench --with-db --import-only --size 1000000 \
--     --db 'jdbc:postgresql://127.0.0.1:5432/bench_scale?user=postgres'
--   psql -h 127.0.0.1 -U postgres -d bench_scale -f db/bench/item_insert_costs.sql
--
-- It copies the bank side's rows once into an unlogged table, then loads them into scratch copies
-- of `item` that differ in one respect each, printing the time of each load. Nothing of Recon's
-- own tables changes; the scratch tables are dropped at the end. `COPY ... TO` a server file needs
-- a superuser and psql on the server's machine, as on the test machine.
\timing on
\set cols 'line_no, side, account, currency, amount_minor, booking_date, value_date, reference, reference_raw, counterparty, counterparty_raw, description, payout_id, kind, gross_minor, fee_minor, fingerprint, occurrence'
DROP TABLE IF EXISTS bench_rows, bench_item;
CREATE UNLOGGED TABLE bench_rows AS
  SELECT row_number() OVER (ORDER BY id)::int AS seq, :cols FROM item WHERE side = 'BANK';
COPY (SELECT 1, :cols FROM bench_rows ORDER BY seq) TO '/tmp/recon_bench_rows.tsv';

\echo '1. COPY into item as it is (four indexes, the file checked once per statement): what recon import does'
CREATE TABLE bench_item (LIKE item INCLUDING ALL);
CREATE TRIGGER bench_item_names_stored_files AFTER INSERT ON bench_item
  REFERENCING NEW TABLE AS new_items FOR EACH STATEMENT EXECUTE FUNCTION item_names_stored_files();
COPY bench_item (file_id, :cols) FROM '/tmp/recon_bench_rows.tsv';
DROP TABLE bench_item;

\echo '2. INSERT ... SELECT ... ON CONFLICT DO NOTHING from a staged table: the path for overlapping files'
CREATE TABLE bench_item (LIKE item INCLUDING ALL);
CREATE TRIGGER bench_item_names_stored_files AFTER INSERT ON bench_item
  REFERENCING NEW TABLE AS new_items FOR EACH STATEMENT EXECUTE FUNCTION item_names_stored_files();
INSERT INTO bench_item (file_id, :cols) SELECT 1, :cols FROM bench_rows ORDER BY seq
  ON CONFLICT (fingerprint, occurrence) DO NOTHING;
DROP TABLE bench_item;

\echo '3. COPY without any check of the file'
CREATE TABLE bench_item (LIKE item INCLUDING ALL);
COPY bench_item (file_id, :cols) FROM '/tmp/recon_bench_rows.tsv';
DROP TABLE bench_item;

\echo '4. COPY without any check of the file and without ix_item_file'
CREATE TABLE bench_item (LIKE item INCLUDING ALL);
DROP INDEX bench_item_file_id_idx;
COPY bench_item (file_id, :cols) FROM '/tmp/recon_bench_rows.tsv';
DROP TABLE bench_item;

\echo '5. as 4, the identity key as 32 bytes (bytea) instead of 64 hex characters'
CREATE TABLE bench_item (LIKE item INCLUDING ALL);
DROP INDEX bench_item_file_id_idx;
ALTER TABLE bench_item DROP CONSTRAINT bench_item_fingerprint_occurrence_key;
ALTER TABLE bench_item ALTER fingerprint TYPE bytea USING decode(fingerprint, 'hex');
ALTER TABLE bench_item ADD UNIQUE (fingerprint, occurrence);
INSERT INTO bench_item (file_id, :cols)
  SELECT 1, line_no, side, account, currency, amount_minor, booking_date, value_date, reference,
         reference_raw, counterparty, counterparty_raw, description, payout_id, kind, gross_minor,
         fee_minor, decode(fingerprint, 'hex'), occurrence
  FROM bench_rows ORDER BY seq;
DROP TABLE bench_item;

\echo '6. as 4, without the identity key (primary key and ix_item_block only)'
CREATE TABLE bench_item (LIKE item INCLUDING ALL);
DROP INDEX bench_item_file_id_idx;
ALTER TABLE bench_item DROP CONSTRAINT bench_item_fingerprint_occurrence_key;
COPY bench_item (file_id, :cols) FROM '/tmp/recon_bench_rows.tsv';
DROP TABLE bench_item;

\echo '7. the primary key only: the heap insert itself'
CREATE TABLE bench_item (LIKE item INCLUDING ALL);
DROP INDEX bench_item_file_id_idx;
DROP INDEX bench_item_side_account_currency_idx;
ALTER TABLE bench_item DROP CONSTRAINT bench_item_fingerprint_occurrence_key;
COPY bench_item (file_id, :cols) FROM '/tmp/recon_bench_rows.tsv';
DROP TABLE bench_item;

\echo '8. as 3, the block index with the amount it had until V44 (every insert lands at random)'
CREATE TABLE bench_item (LIKE item INCLUDING ALL);
DROP INDEX bench_item_side_account_currency_idx;
CREATE INDEX ON bench_item (side, account, currency, amount_minor);
COPY bench_item (file_id, :cols) FROM '/tmp/recon_bench_rows.tsv';
DROP TABLE bench_item;

\echo '9. as 3, the identity key as a uuid (the first 128 bits of the hash) instead of 64 hex characters'
COPY (SELECT 1, line_no, side, account, currency, amount_minor, booking_date, value_date, reference,
             reference_raw, counterparty, counterparty_raw, description, payout_id, kind,
             gross_minor, fee_minor, substr(fingerprint, 1, 32)::uuid, occurrence
      FROM bench_rows ORDER BY seq) TO '/tmp/recon_bench_rows_uuid.tsv';
CREATE TABLE bench_item (LIKE item INCLUDING ALL);
ALTER TABLE bench_item DROP CONSTRAINT bench_item_fingerprint_occurrence_key;
ALTER TABLE bench_item ALTER fingerprint TYPE uuid USING substr(fingerprint, 1, 32)::uuid;
ALTER TABLE bench_item ADD UNIQUE (fingerprint, occurrence);
COPY bench_item (file_id, :cols) FROM '/tmp/recon_bench_rows_uuid.tsv';
DROP TABLE bench_item;


\echo '10. as 1, with the foreign key (one check per row) that V46 replaced'
CREATE TABLE bench_item (LIKE item INCLUDING ALL);
ALTER TABLE bench_item ADD FOREIGN KEY (file_id) REFERENCES imported_file (id);
COPY bench_item (file_id, :cols) FROM '/tmp/recon_bench_rows.tsv';
DROP TABLE bench_item;

DROP TABLE bench_rows;
\! rm -f /tmp/recon_bench_rows.tsv /tmp/recon_bench_rows_uuid.tsv
