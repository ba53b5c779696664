-- 0012: the list of indexed words that search as you type spells a prefix out with (issue 4).
-- A last word longer than the 3-letter prefix index ("thuo") is matched as the indexed words it begins
-- ("thuoc" OR "thuong" …), which FTS5 reads incrementally like any word. Those words used to come from
-- search_vocab, an fts5vocab table, which counts every word's documents as it walks: 8–10 ms of CPU for a
-- common prefix at 100,000 articles. This table is only the words, so the same range is one index read.
-- It holds the folded words longer than the prefix index (no shorter word can extend a longer prefix),
-- is filled when an article is indexed, and is never pruned: a word whose articles are gone spells out
-- into an alternative that matches nothing.
CREATE TABLE search_terms (
    term TEXT NOT NULL PRIMARY KEY
) STRICT, WITHOUT ROWID;

CREATE VIRTUAL TABLE temp.search_columns_vocab USING fts5vocab (main, search_index, col);
INSERT INTO search_terms (term)
    SELECT DISTINCT term FROM temp.search_columns_vocab WHERE col <> 'exact' AND length(term) > 3;
DROP TABLE temp.search_columns_vocab;

DROP TABLE search_vocab;
