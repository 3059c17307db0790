CREATE TABLE `monitor_credential` (
	`monitor_id` text PRIMARY KEY NOT NULL,
	`organisation_id` text NOT NULL,
	`source` text NOT NULL,
	`user` text NOT NULL,
	`auth_user` text,
	`domain` text,
	`expect_contact` text NOT NULL,
	`password_ciphertext` text,
	`password_iv` text,
	`key_id` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`monitor_id`) REFERENCES `monitor`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `monitor_credential_org_idx` ON `monitor_credential` (`organisation_id`);--> statement-breakpoint
CREATE INDEX `monitor_credential_key_idx` ON `monitor_credential` (`key_id`);--> statement-breakpoint
ALTER TABLE `monitor` ADD `response_handling` text;