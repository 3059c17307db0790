CREATE TABLE `invitation` (
	`id` text PRIMARY KEY NOT NULL,
	`organisation_id` text NOT NULL,
	`email` text NOT NULL,
	`role` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`inviter_id` text NOT NULL,
	`expires_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`inviter_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `invitation_organisation_idx` ON `invitation` (`organisation_id`);--> statement-breakpoint
CREATE INDEX `invitation_email_idx` ON `invitation` (`email`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_member` (
	`id` text PRIMARY KEY NOT NULL,
	`organisation_id` text NOT NULL,
	`user_id` text NOT NULL,
	`role` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
-- Hand-edited: the old member table has no id (its key was organisation x user), so each
-- existing membership gets a fresh random one, as the organization plugin's ids are.
INSERT INTO `__new_member`("id", "organisation_id", "user_id", "role", "created_at") SELECT 'mem_' || lower(hex(randomblob(16))), "organisation_id", "user_id", "role", "created_at" FROM `member`;--> statement-breakpoint
DROP TABLE `member`;--> statement-breakpoint
ALTER TABLE `__new_member` RENAME TO `member`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `member_organisation_user_unique` ON `member` (`organisation_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `member_user_idx` ON `member` (`user_id`);--> statement-breakpoint
ALTER TABLE `api_token` ADD `role` text DEFAULT 'viewer' NOT NULL;--> statement-breakpoint
ALTER TABLE `organisation` ADD `logo` text;--> statement-breakpoint
ALTER TABLE `organisation` ADD `metadata` text;--> statement-breakpoint
CREATE INDEX `audit_event_at_idx` ON `audit_event` (`at`);--> statement-breakpoint
-- Hand-written: the old 'member' role could do everything but own; it becomes editor.
UPDATE `member` SET `role` = 'editor' WHERE `role` = 'member';--> statement-breakpoint
-- Hand-written: tokens made before roles could do everything their owner or admin creator could,
-- so they keep admin (their creator's current role still caps them at use).
UPDATE `api_token` SET `role` = 'admin';
