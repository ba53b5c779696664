-- 0012: SQLite's migration 0012 adds the word list its search-as-you-type spells prefixes out with.
-- PostgreSQL matches a prefix in the tsvector's GIN index itself (to_tsquery 'thuo:*'), so it needs no
-- such list; this migration only keeps the numbers of both engines' migrations the same.
SELECT 1;
