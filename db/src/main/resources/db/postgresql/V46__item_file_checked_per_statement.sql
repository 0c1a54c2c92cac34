-- PostgreSQL only (H2 keeps the foreign key of V1): every item still names a stored file, but the
-- check runs once per statement instead of once per row.
--
-- A foreign key is checked by one lookup per inserted row. A bank file of 1,000,000 lines is
-- stored by 50 COPY statements, so this makes 50 checks where the key made 1,000,000. Storing
-- those rows took 9.7 s instead of 11.1 s (db/bench/item_insert_costs.sql, cases 1 and 10), and
-- `recon bench --with-db` imported the file in 13.8 s instead of 15.1 to 16.3 s. The triggers
-- below keep what the foreign key guaranteed:
--   * an item can be stored, or moved to another file, only if that file is stored; the file's
--     row is locked FOR KEY SHARE, as the foreign key locks it, so that no one deletes it before
--     the items are committed;
--   * a file that items name can be neither deleted nor renumbered, nor its table truncated.
-- Recon never deletes files or items; the guards are for hands on the database.

CREATE FUNCTION item_names_stored_files() RETURNS trigger LANGUAGE plpgsql
  -- Resolve the table names in the schema migrated, whatever search path the session has.
  SET search_path FROM CURRENT AS $$
BEGIN
  PERFORM 1 FROM imported_file f WHERE f.id IN (SELECT DISTINCT n.file_id FROM new_items n)
    FOR KEY SHARE;
  IF EXISTS (SELECT 1 FROM new_items n
             WHERE NOT EXISTS (SELECT 1 FROM imported_file f WHERE f.id = n.file_id)) THEN
    RAISE EXCEPTION 'an item names file id % which is not stored',
      (SELECT min(n.file_id) FROM new_items n
       WHERE NOT EXISTS (SELECT 1 FROM imported_file f WHERE f.id = n.file_id))
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER item_names_stored_files_on_insert AFTER INSERT ON item
  REFERENCING NEW TABLE AS new_items
  FOR EACH STATEMENT EXECUTE FUNCTION item_names_stored_files();

-- Transition tables cannot go with a column list, so a move to another file is checked row by row;
-- Recon never moves an item.
CREATE FUNCTION item_moves_to_stored_file() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  PERFORM 1 FROM imported_file f WHERE f.id = NEW.file_id FOR KEY SHARE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'an item names file id % which is not stored', NEW.file_id
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER item_moves_to_stored_file BEFORE UPDATE OF file_id ON item
  FOR EACH ROW WHEN (OLD.file_id IS DISTINCT FROM NEW.file_id)
  EXECUTE FUNCTION item_moves_to_stored_file();

CREATE FUNCTION imported_file_keeps_its_items() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    IF EXISTS (SELECT 1 FROM item) THEN
      RAISE EXCEPTION 'imported_file cannot be truncated while items name its files'
        USING ERRCODE = 'foreign_key_violation';
    END IF;
  ELSIF EXISTS (SELECT 1 FROM item i WHERE i.file_id = OLD.id) THEN
    RAISE EXCEPTION 'file id % cannot be deleted or renumbered: items name it', OLD.id
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER imported_file_keeps_its_items_on_delete AFTER DELETE ON imported_file
  FOR EACH ROW EXECUTE FUNCTION imported_file_keeps_its_items();
CREATE TRIGGER imported_file_keeps_its_items_on_renumber AFTER UPDATE OF id ON imported_file
  FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION imported_file_keeps_its_items();
CREATE TRIGGER imported_file_keeps_its_items_on_truncate BEFORE TRUNCATE ON imported_file
  FOR EACH STATEMENT EXECUTE FUNCTION imported_file_keeps_its_items();

ALTER TABLE item DROP CONSTRAINT item_file_id_fkey;
