CREATE TABLE `audit_event` (
	`id` text PRIMARY KEY NOT NULL,
	`organisation_id` text NOT NULL,
	`at` integer NOT NULL,
	`actor_kind` text NOT NULL,
	`actor_id` text,
	`actor_label` text NOT NULL,
	`action` text NOT NULL,
	`object_type` text NOT NULL,
	`object_id` text,
	`summary` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `audit_event_org_at_idx` ON `audit_event` (`organisation_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_event_object_idx` ON `audit_event` (`organisation_id`,`object_type`,`object_id`);