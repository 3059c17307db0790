-- The cloud regions audits run from: Durable Object location hints (Cloudflare docs,
-- "Data location"). Shared by every organisation, so organisation_id is NULL.
INSERT INTO `vantage_point` (`id`, `organisation_id`, `kind`, `name`, `region`, `created_at`) VALUES
  ('region:wnam', NULL, 'region', 'Western North America', 'wnam', 0),
  ('region:enam', NULL, 'region', 'Eastern North America', 'enam', 0),
  ('region:sam', NULL, 'region', 'South America', 'sam', 0),
  ('region:weur', NULL, 'region', 'Western Europe', 'weur', 0),
  ('region:eeur', NULL, 'region', 'Eastern Europe', 'eeur', 0),
  ('region:apac', NULL, 'region', 'Asia-Pacific', 'apac', 0),
  ('region:oc', NULL, 'region', 'Oceania', 'oc', 0),
  ('region:afr', NULL, 'region', 'Africa', 'afr', 0),
  ('region:me', NULL, 'region', 'Middle East', 'me', 0);
