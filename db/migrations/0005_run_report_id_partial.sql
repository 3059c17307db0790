DROP INDEX `run_report_id_unique`;--> statement-breakpoint
CREATE UNIQUE INDEX `run_report_id_unique` ON `run` (`report_id`) WHERE "run"."report_id" IS NOT NULL;