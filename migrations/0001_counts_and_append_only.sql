INSERT INTO "settings" ("id") VALUES (1);
--> statement-breakpoint
INSERT INTO "consumer_status_counts" ("status", "total")
VALUES ('new', 0), ('active', 0), ('suspended', 0);
--> statement-breakpoint
-- Filter counts: statement-level triggers fold each statement's rows into the per-status totals,
-- so counting never scans consumers and a bulk COPY costs one update per status.
CREATE FUNCTION consumer_status_counts_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE consumer_status_counts c SET total = c.total - o.n
    FROM (SELECT status, count(*)::int AS n FROM old_rows GROUP BY status) o
    WHERE c.status = o.status;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    UPDATE consumer_status_counts c SET total = c.total + n.n
    FROM (SELECT status, count(*)::int AS n FROM new_rows GROUP BY status) n
    WHERE c.status = n.status;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER consumers_counts_insert AFTER INSERT ON consumers
REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION consumer_status_counts_apply();
--> statement-breakpoint
CREATE TRIGGER consumers_counts_update AFTER UPDATE ON consumers
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION consumer_status_counts_apply();
--> statement-breakpoint
CREATE TRIGGER consumers_counts_delete AFTER DELETE ON consumers
REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION consumer_status_counts_apply();
--> statement-breakpoint
-- The event log is append-only: no code path may rewrite or remove history.
CREATE FUNCTION events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the event log is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
FOR EACH ROW EXECUTE FUNCTION events_refuse_change();
--> statement-breakpoint
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
FOR EACH STATEMENT EXECUTE FUNCTION events_refuse_change();
