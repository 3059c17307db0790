CREATE TABLE `finding_mute` (
	`id` text PRIMARY KEY NOT NULL,
	`organisation_id` text NOT NULL,
	`monitor_id` text NOT NULL,
	`finding_id` text NOT NULL,
	`subject` text,
	`reason` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer,
	`ended_at` integer,
	`ended_by` text,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`monitor_id`) REFERENCES `monitor`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `finding_mute_monitor_idx` ON `finding_mute` (`monitor_id`,`created_at`);