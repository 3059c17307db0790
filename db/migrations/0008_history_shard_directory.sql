CREATE TABLE `history_shard` (
	`organisation_id` text PRIMARY KEY NOT NULL,
	`shard` text NOT NULL,
	`target_shard` text,
	`move_cursor` text,
	`placed_at` integer NOT NULL,
	`moved_at` integer,
	`drain_shard` text,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `history_shard_shard_idx` ON `history_shard` (`shard`);--> statement-breakpoint
-- Upgrade path (hand-written): every organisation that exists now keeps its history where it is,
-- in this database, which doubles as the legacy shard "DB". New organisations are placed on the
-- configured history shards (HISTORY_SHARDS) when they first need one. On a history shard the
-- organisation table is empty, so this copies nothing there.
INSERT INTO `history_shard` (`organisation_id`, `shard`, `placed_at`) SELECT `id`, 'DB', `created_at` FROM `organisation`;
