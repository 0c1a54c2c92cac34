-- The queue's "revisit due" filter (timing differences whose revisit date has come) reads exceptions
-- by revisit date; few exceptions have one, so the index is small and spares a scan of the queue.
CREATE INDEX ix_exception_revisit ON exception_item (revisit_on);
