CREATE TABLE `history_purge` (
	`monitor_id` text NOT NULL,
	`shard` text NOT NULL,
	`requested_at` integer NOT NULL,
	PRIMARY KEY(`shard`, `monitor_id`)
);
