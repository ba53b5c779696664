-- 0003 (PostgreSQL): the full-text search index over published articles (issue 4); the twin of
-- storage/migrations/0003_search_index.sql. Cổng folds the text itself (core::tokenize_for_search) and
-- writes the tsvector itself (PgSearchStore), so no text search configuration, dictionary or stop-word
-- list of the server takes part: both engines hold the same keys.
-- document: the folded keys of title (weight A), lead (B), body and photo captions (C), each at its
-- position; a word written with diacritics also holds its exact key ("mơi1") at the same position, so
-- exact-diacritic matches rank above folded ones. Only published articles are indexed; whether their time
-- has come is decided at query time (published_at), as on SQLite.
-- The four other columns are those of SQLite's search_articles, so `migrate-db` copies them by name; a
-- copied row has an empty document until `cong search reindex`.
CREATE TABLE search_articles (
    article_id   BIGINT   PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    site_id      BIGINT   NOT NULL,
    category_id  BIGINT   NOT NULL,
    published_at BIGINT   NOT NULL,
    document     tsvector NOT NULL DEFAULT ''
);

-- Every search: which documents hold the words (prefixes too: GIN answers 'thuo':* from its term list).
CREATE INDEX search_articles_document ON search_articles USING GIN (document);
-- Whether the time has come, and the date filters.
CREATE INDEX search_articles_site_published ON search_articles (site_id, published_at);

-- Abbreviations of administrative text and what they stand for, matched both ways at query time.
-- Editors may change the list; the spelling is kept as written and folded when the list is read.
-- SQLite compares abbreviations with COLLATE NOCASE: here a unique index on lower(abbreviation).
CREATE TABLE search_synonyms (
    abbreviation TEXT NOT NULL PRIMARY KEY,
    expansion    TEXT NOT NULL
);
CREATE UNIQUE INDEX search_synonyms_nocase ON search_synonyms (lower(abbreviation));

INSERT INTO search_synonyms (abbreviation, expansion) VALUES
    ('NTM', 'nông thôn mới'),
    ('GPMB', 'giải phóng mặt bằng'),
    ('OCOP', 'mỗi xã một sản phẩm'),
    ('HĐND', 'hội đồng nhân dân'),
    ('UBND', 'ủy ban nhân dân'),
    ('MTTQ', 'mặt trận tổ quốc'),
    ('BCH', 'ban chấp hành'),
    ('BTV', 'ban thường vụ'),
    ('NVQS', 'nghĩa vụ quân sự'),
    ('CCHC', 'cải cách hành chính'),
    ('TTHC', 'thủ tục hành chính'),
    ('ATTP', 'an toàn thực phẩm'),
    ('ATGT', 'an toàn giao thông'),
    ('BHXH', 'bảo hiểm xã hội'),
    ('BHYT', 'bảo hiểm y tế'),
    ('THCS', 'trung học cơ sở'),
    ('THPT', 'trung học phổ thông'),
    ('ĐBQH', 'đại biểu quốc hội'),
    ('HTX', 'hợp tác xã'),
    ('KCN', 'khu công nghiệp');
