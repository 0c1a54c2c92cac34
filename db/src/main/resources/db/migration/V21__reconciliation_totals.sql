-- The dashboard's counts, kept up to date as items arrive and groups are accepted or withdrawn, so
-- that showing them reads a few hundred rows instead of every item and every match member.
-- item_day_total: every item of one side, currency and booking date (count and exact sum), and how
-- many of them are reconciled (a bank or ledger line in an accepted group, a gateway transaction in
-- an accepted settlement group). The age buckets are read from the booking dates on the day shown.
CREATE TABLE item_day_total (
    side             VARCHAR(8) NOT NULL,
    currency         CHAR(3)    NOT NULL,
    booking_date     DATE       NOT NULL,
    item_count       BIGINT     NOT NULL,
    amount_minor     BIGINT     NOT NULL,
    reconciled_count BIGINT     NOT NULL,
    reconciled_minor BIGINT     NOT NULL,
    PRIMARY KEY (side, currency, booking_date)
);

INSERT INTO item_day_total
    (side, currency, booking_date, item_count, amount_minor, reconciled_count, reconciled_minor)
SELECT i.side, i.currency, i.booking_date, COUNT(*), SUM(i.amount_minor), COUNT(r.item_id),
       COALESCE(SUM(CASE WHEN r.item_id IS NULL THEN 0 ELSE i.amount_minor END), 0)
FROM item i
LEFT JOIN (SELECT DISTINCT m.item_id
           FROM match_member m JOIN match_group g ON g.id = m.group_id
           WHERE g.status = 'ACCEPTED' AND (m.side <> 'GATEWAY' OR g.scope = 'SETTLEMENT')) r
       ON r.item_id = i.id
GROUP BY i.side, i.currency, i.booking_date;

-- reconciled_day: items reconciled on each day (the accepted group's creation date), for the
-- dashboard's history chart.
CREATE TABLE reconciled_day (
    on_date    DATE   PRIMARY KEY,
    item_count BIGINT NOT NULL
);

INSERT INTO reconciled_day (on_date, item_count)
SELECT CAST(g.created_at AS DATE), COUNT(*)
FROM match_member m JOIN match_group g ON g.id = m.group_id
WHERE g.status = 'ACCEPTED' AND (m.side <> 'GATEWAY' OR g.scope = 'SETTLEMENT')
GROUP BY CAST(g.created_at AS DATE);
