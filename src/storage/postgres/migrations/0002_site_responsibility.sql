-- 0002 (PostgreSQL, as in SQLite): who answers for a portal's content, and its operating licence — the lines every Vietnamese
-- portal prints in its footer ("Chịu trách nhiệm chính: …", "Giấy phép số …").
ALTER TABLE sites ADD COLUMN responsible_person TEXT NOT NULL DEFAULT '';
ALTER TABLE sites ADD COLUMN licence TEXT NOT NULL DEFAULT '';
