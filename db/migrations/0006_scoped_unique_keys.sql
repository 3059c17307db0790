DROP INDEX `run_report_id_unique`;--> statement-breakpoint
CREATE UNIQUE INDEX `run_monitor_report_id_unique` ON `run` (`monitor_id`,`report_id`) WHERE "run"."report_id" IS NOT NULL;--> statement-breakpoint
DROP INDEX `monitor_slug_unique`;--> statement-breakpoint
CREATE UNIQUE INDEX `monitor_public_slug_unique` ON `monitor` (`slug`) WHERE "monitor"."is_public" = 1;--> statement-breakpoint
CREATE UNIQUE INDEX `monitor_org_slug_unique` ON `monitor` (`organisation_id`,`slug`);