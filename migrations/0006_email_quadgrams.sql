-- Every distinct run of four characters of an address: the search looks up a typed fragment of
-- four characters or more by its runs, which are rare enough to find its few candidates at once.
-- The search cuts fragments the same way (quadgramsOf in consumers.search.ts).
CREATE FUNCTION consumer_email_quadgrams(email_key text) RETURNS text[]
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$
    SELECT coalesce(array_agg(DISTINCT substr(email_key, position, 4)), '{}')
    FROM generate_series(1, length(email_key) - 3) AS position
  $$;
--> statement-breakpoint
CREATE INDEX "consumers_email_key_quadgram_idx" ON "consumers" USING gin (consumer_email_quadgrams("email_key"));
