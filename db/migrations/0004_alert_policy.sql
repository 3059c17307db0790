CREATE TABLE `maintenance_window` (
	`id` text PRIMARY KEY NOT NULL,
	`monitor_id` text NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`reason` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`monitor_id`) REFERENCES `monitor`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `maintenance_window_monitor_idx` ON `maintenance_window` (`monitor_id`,`ends_at`);--> statement-breakpoint
CREATE TABLE `vantage_alert_state` (
	`monitor_id` text NOT NULL,
	`vantage_id` text NOT NULL,
	`state` text NOT NULL,
	`last_round_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`monitor_id`, `vantage_id`),
	FOREIGN KEY (`monitor_id`) REFERENCES `monitor`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`vantage_id`) REFERENCES `vantage_point`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `monitor` ADD `alert_policy` text;