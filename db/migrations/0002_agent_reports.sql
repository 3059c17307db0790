ALTER TABLE `run` ADD `report_id` text;--> statement-breakpoint
CREATE UNIQUE INDEX `run_report_id_unique` ON `run` (`report_id`);