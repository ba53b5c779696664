-- 0003: the full-text search index over published articles (issue 4).
-- Cổng folds the text itself (core::tokenize_for_search) and stores here only its keys, one space
-- between words, so SQLite's plain unicode61 tokenizer splits them exactly as Cổng did and no custom
-- tokenizer has to be registered on every connection (the sqlite3 shell can read and check the index).
-- Columns title, lead, body, captions hold the folded keys ("nong thon moi"); exact holds the exact
-- keys of all four fields ("nông thôn mơi1"), used only to rank exact-diacritic matches higher.
-- The rowid is the article id. Only published articles are indexed; whether their time has come is
-- decided at query time (search_articles.published_at), so a scheduled article becomes findable when
-- its time comes without any re-indexing.
CREATE VIRTUAL TABLE search_index USING fts5 (
    title, lead, body, captions, exact,
    tokenize = "unicode61 remove_diacritics 0 categories 'L* N* Co M*'",
    -- Search as you type: the last word is a prefix (from 3 letters on, search::MIN_PREFIX_CHARS).
    -- A 3-letter prefix matches hundreds of terms; indexing it makes such a query one lookup instead
    -- of a merge of hundreds of lists. Longer prefixes match few terms, spelled out (search_vocab).
    prefix = '3'
);

-- The index's vocabulary, one row per distinct term: a prefix longer than the prefix index ("thuo")
-- is spelled out as the terms it begins (SqliteSearchStore), far cheaper for FTS5 than the prefix.
CREATE VIRTUAL TABLE search_vocab USING fts5vocab (search_index, row);

-- What a query filters on, one narrow row per indexed article. The articles rows carry the whole
-- body and spill into overflow pages; joining matches to them cost ~110 ms per 60,000 matches against
-- ~10 ms with this table (measured on 100,000 articles).
CREATE TABLE search_articles (
    article_id   INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    site_id      INTEGER NOT NULL,
    category_id  INTEGER NOT NULL,
    published_at INTEGER NOT NULL
) STRICT;

-- Abbreviations of administrative text and what they stand for, matched both ways at query time.
-- Editors may change the list; the spelling is kept as written and folded when the list is read.
CREATE TABLE search_synonyms (
    abbreviation TEXT NOT NULL COLLATE NOCASE PRIMARY KEY,
    expansion    TEXT NOT NULL
) STRICT;

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
