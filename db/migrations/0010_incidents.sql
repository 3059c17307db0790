CREATE TABLE `incident_event` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`incident_id` text NOT NULL,
	`organisation_id` text NOT NULL,
	`at` integer NOT NULL,
	`kind` text NOT NULL,
	`author` text NOT NULL,
	`body` text,
	`public` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`incident_id`) REFERENCES `incident`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `incident_event_incident_idx` ON `incident_event` (`incident_id`,`at`);--> statement-breakpoint
CREATE TABLE `incident` (
	`id` text PRIMARY KEY NOT NULL,
	`organisation_id` text NOT NULL,
	`monitor_id` text NOT NULL,
	`status` text NOT NULL,
	`alert_stream` text DEFAULT 'regions' NOT NULL,
	`title` text NOT NULL,
	`findings` text NOT NULL,
	`vantage_ids` text NOT NULL,
	`opened_at` integer NOT NULL,
	`acknowledged_at` integer,
	`acknowledged_by` text,
	`resolved_at` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`monitor_id`) REFERENCES `monitor`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `incident_org_opened_idx` ON `incident` (`organisation_id`,`opened_at`);--> statement-breakpoint
CREATE INDEX `incident_monitor_status_idx` ON `incident` (`monitor_id`,`status`);