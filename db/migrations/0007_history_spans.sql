-- History that grows with change (issue 15): a state row per monitor x vantage, spans of equal
-- outcome, hourly/daily rollups with every transport in one row. Hand-edited after drizzle-kit
-- generate to carry the existing history over; drizzle-kit cannot express WITHOUT ROWID (rollup).
-- vantage_state keeps its rowid: its rows (a ~1.7 KB summary, two accumulators) overflow a page,
-- and SQLite walks overflow chains of WITHOUT ROWID rows ~3x slower (the overview read).
-- D1 caps one statement at 30 s: each copy below is one pass over `run` (a sort for the
-- spans); on a database near D1's size limit, let retention shorten `run` first.
CREATE TABLE `state_span` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`monitor_id` text NOT NULL,
	`vantage_id` text NOT NULL,
	`first_run_at` integer NOT NULL,
	`last_run_at` integer,
	`runs` integer,
	`status` text NOT NULL,
	`outcome` text NOT NULL,
	`duration_ms` integer NOT NULL,
	`summary` text NOT NULL,
	`snapshot_id` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `span_monitor_time_idx` ON `state_span` (`monitor_id`,`first_run_at`,`vantage_id`);--> statement-breakpoint
CREATE TABLE `vantage_state` (
	`monitor_id` text NOT NULL,
	`vantage_id` text NOT NULL,
	`organisation_id` text NOT NULL,
	`outcome` text NOT NULL,
	`span_id` integer NOT NULL,
	`span_started_at` integer NOT NULL,
	`span_runs` integer NOT NULL,
	`last_run_at` integer NOT NULL,
	`duration_ms` integer NOT NULL,
	`summary` text NOT NULL,
	`snapshot_id` integer,
	`hour_start` integer NOT NULL,
	`hour_acc` text,
	`day_start` integer NOT NULL,
	`day_acc` text,
	PRIMARY KEY(`monitor_id`, `vantage_id`)
);
--> statement-breakpoint
CREATE INDEX `vantage_state_org_idx` ON `vantage_state` (`organisation_id`);--> statement-breakpoint
-- Runs become spans: consecutive runs of a monitor x vantage with the same status, transport
-- reachability, profile outcomes, finding counts and DNS snapshot merge into one span (its id is
-- its first run's id, its summary that run's). The old rows have no outcome hash (''), so the
-- first run after the upgrade opens a fresh span.
INSERT INTO `state_span` (`id`, `monitor_id`, `vantage_id`, `first_run_at`, `last_run_at`, `runs`, `status`, `outcome`, `duration_ms`, `summary`, `snapshot_id`)
WITH keyed AS (
	SELECT r.id, r.monitor_id, r.vantage_id, r.started_at, r.duration_ms, r.status, r.summary, r.snapshot_id,
		r.status || '|' || coalesce((SELECT group_concat(t.key || ':' || coalesce(json_extract(t.value, '$.ok'), 0), ',') FROM json_each(r.summary, '$.transports') t), '')
			|| '|' || coalesce(json_extract(r.summary, '$.profiles'), '') || '|' || coalesce(json_extract(r.summary, '$.findings'), '')
			|| '|' || coalesce(r.snapshot_id, '') AS k
	FROM `run` r
), flagged AS (
	SELECT *, CASE WHEN k IS lag(k) OVER w THEN 0 ELSE 1 END AS starts
	FROM keyed WINDOW w AS (PARTITION BY monitor_id, vantage_id ORDER BY started_at, id)
), grouped AS (
	SELECT *, sum(starts) OVER (PARTITION BY monitor_id, vantage_id ORDER BY started_at, id ROWS UNBOUNDED PRECEDING) AS grp
	FROM flagged
), spans AS (
	SELECT monitor_id, vantage_id, grp, max(started_at) AS last_run_at, count(*) AS runs FROM grouped GROUP BY monitor_id, vantage_id, grp
)
SELECT g.id, g.monitor_id, g.vantage_id, g.started_at, s.last_run_at, s.runs, g.status, '', g.duration_ms, g.summary, g.snapshot_id
FROM grouped g JOIN spans s ON s.monitor_id = g.monitor_id AND s.vantage_id = g.vantage_id AND s.grp = g.grp
WHERE g.starts = 1;
--> statement-breakpoint
-- The latest run of each pair seeds its state row. Its hour's runs are counted into the hour
-- accumulator unless that hour was rolled up already; the day's rolled-up hours seed the day
-- accumulator (counts only: the old rows have no histogram to merge).
INSERT INTO `vantage_state` (`monitor_id`, `vantage_id`, `organisation_id`, `outcome`, `span_id`, `span_started_at`, `span_runs`, `last_run_at`, `duration_ms`, `summary`, `snapshot_id`, `hour_start`, `hour_acc`, `day_start`, `day_acc`)
SELECT r.monitor_id, r.vantage_id, m.organisation_id, '', s.id, s.first_run_at, s.runs, r.started_at, r.duration_ms, r.summary, r.snapshot_id,
	(r.started_at / 3600000) * 3600000,
	CASE WHEN EXISTS (SELECT 1 FROM `rollup` o WHERE o.monitor_id = r.monitor_id AND o.vantage_id = r.vantage_id AND o.granularity = 'hour' AND o.bucket_start = (r.started_at / 3600000) * 3600000)
		THEN NULL
		ELSE (SELECT json_object('all', json_object('runs', count(*), 'ok', coalesce(sum(h.status IN ('ok', 'warning')), 0), 'timed', 0, 'sumMs', 0, 'h', json('{}')))
			FROM `run` h WHERE h.monitor_id = r.monitor_id AND h.vantage_id = r.vantage_id AND h.started_at >= (r.started_at / 3600000) * 3600000)
	END,
	(r.started_at / 86400000) * 86400000,
	(SELECT json_group_object(d.transport, json_object('runs', d.runs, 'ok', d.ok, 'timed', 0, 'sumMs', 0, 'h', json('{}')))
		FROM (SELECT o.transport, sum(o.runs) AS runs, sum(o.successes) AS ok FROM `rollup` o
			WHERE o.monitor_id = r.monitor_id AND o.vantage_id = r.vantage_id AND o.granularity = 'hour'
				AND o.bucket_start >= (r.started_at / 86400000) * 86400000 AND o.bucket_start < (r.started_at / 3600000) * 3600000
			GROUP BY o.transport) d)
FROM `run` r
JOIN `monitor` m ON m.id = r.monitor_id
JOIN `state_span` s ON s.id = (SELECT x.id FROM `state_span` x WHERE x.monitor_id = r.monitor_id AND x.vantage_id = r.vantage_id ORDER BY x.first_run_at DESC LIMIT 1)
WHERE r.id IN (
	SELECT (SELECT l.id FROM `run` l WHERE l.monitor_id = p.monitor_id AND l.vantage_id = p.vantage_id ORDER BY l.started_at DESC, l.id DESC LIMIT 1)
	FROM (SELECT DISTINCT monitor_id, vantage_id FROM `run`) p
);
--> statement-breakpoint
-- A span is open while its state row points at it: its end and count live in the state row.
UPDATE `state_span` SET `last_run_at` = NULL, `runs` = NULL WHERE `id` IN (SELECT `span_id` FROM `vantage_state`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_dns_snapshot` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`monitor_id` text NOT NULL,
	`vantage_id` text NOT NULL,
	`taken_at` integer NOT NULL,
	`hash` text NOT NULL,
	`record_sets` text NOT NULL,
	`resolution` text NOT NULL
);
--> statement-breakpoint
INSERT INTO `__new_dns_snapshot`("id", "monitor_id", "vantage_id", "taken_at", "hash", "record_sets", "resolution") SELECT "id", "monitor_id", "vantage_id", "taken_at", "hash", "record_sets", "resolution" FROM `dns_snapshot`;--> statement-breakpoint
DROP TABLE `dns_snapshot`;--> statement-breakpoint
ALTER TABLE `__new_dns_snapshot` RENAME TO `dns_snapshot`;--> statement-breakpoint
CREATE INDEX `snapshot_monitor_vantage_time_idx` ON `dns_snapshot` (`monitor_id`,`vantage_id`,`taken_at`);--> statement-breakpoint
CREATE TABLE `__new_finding` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`monitor_id` text NOT NULL,
	`vantage_id` text NOT NULL,
	`finding_id` text NOT NULL,
	`subject` text NOT NULL,
	`severity` text NOT NULL,
	`title` text NOT NULL,
	`detail` text NOT NULL,
	`fix` text NOT NULL,
	`evidence` text NOT NULL,
	`opened_at` integer NOT NULL,
	`opened_span_id` integer,
	`last_seen_at` integer,
	`resolved_at` integer
);
--> statement-breakpoint
-- The run that opened a finding becomes the span that run belongs to.
INSERT INTO `__new_finding`("id", "monitor_id", "vantage_id", "finding_id", "subject", "severity", "title", "detail", "fix", "evidence", "opened_at", "opened_span_id", "last_seen_at", "resolved_at")
SELECT f."id", f."monitor_id", f."vantage_id", f."finding_id", f."subject", f."severity", f."title", f."detail", f."fix", f."evidence", f."opened_at",
	(SELECT s.id FROM `state_span` s JOIN `run` o ON o.id = f.opened_run_id
		WHERE s.monitor_id = o.monitor_id AND s.vantage_id = o.vantage_id AND s.first_run_at <= o.started_at ORDER BY s.first_run_at DESC LIMIT 1),
	f."last_seen_at", f."resolved_at"
FROM `finding` f;--> statement-breakpoint
DROP TABLE `finding`;--> statement-breakpoint
ALTER TABLE `__new_finding` RENAME TO `finding`;--> statement-breakpoint
CREATE UNIQUE INDEX `finding_open_idx` ON `finding` (`monitor_id`,`vantage_id`,`finding_id`,`subject`) WHERE "finding"."resolved_at" IS NULL;--> statement-breakpoint
CREATE INDEX `finding_monitor_time_idx` ON `finding` (`monitor_id`,`opened_at`);--> statement-breakpoint
CREATE TABLE `__new_rollup` (
	`monitor_id` text NOT NULL,
	`granularity` text NOT NULL,
	`bucket_start` integer NOT NULL,
	`vantage_id` text NOT NULL,
	`runs` integer NOT NULL,
	`successes` integer NOT NULL,
	`transports` text NOT NULL,
	PRIMARY KEY(`monitor_id`, `granularity`, `bucket_start`, `vantage_id`)
) WITHOUT ROWID;
--> statement-breakpoint
-- One row per bucket and vantage, the transports inside; the old p50/p95 are kept as legacy
-- figures, which the charts show where no histogram exists.
INSERT INTO `__new_rollup`("monitor_id", "granularity", "bucket_start", "vantage_id", "runs", "successes", "transports")
SELECT "monitor_id", "granularity", "bucket_start", "vantage_id",
	coalesce(max(CASE WHEN "transport" = 'all' THEN "runs" END), max("runs")),
	coalesce(max(CASE WHEN "transport" = 'all' THEN "successes" END), 0),
	json_group_object("transport", json_object('runs', "runs", 'ok', "successes", 'timed', 0, 'sumMs', 0, 'h', json('{}'), 'legacyP50Ms', "p50_ms", 'legacyP95Ms', "p95_ms"))
FROM `rollup` GROUP BY "monitor_id", "granularity", "bucket_start", "vantage_id";--> statement-breakpoint
DROP TABLE `rollup`;--> statement-breakpoint
ALTER TABLE `__new_rollup` RENAME TO `rollup`;--> statement-breakpoint
DROP TABLE `run`;--> statement-breakpoint
PRAGMA foreign_keys=ON;
