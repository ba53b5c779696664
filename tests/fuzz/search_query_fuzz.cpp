// libFuzzer target for the citizen's search box (search/search_query): whatever is typed is refused or
// becomes an FTS5 expression made only of Cổng's own syntax around quoted strings, which SQLite's FTS5
// (with the real index definition of migration 0003) accepts.
#include "core/vietnamese.hpp"
#include "search/search_query.hpp"
#include "storage/sqlite/sqlite_search_store.hpp"

#include <sqlite3.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

using namespace cong;

void check(bool ok, const char* what) {
    if (!ok) {
        std::fprintf(stderr, "property broken: %s\n", what);
        std::abort();
    }
}

// The synonyms migration 0003 installs, plus one whose abbreviation is also a word of another's full form.
const search::SynonymIndex& synonyms() {
    static const search::SynonymIndex index = search::SynonymIndex::from({
        {"NTM", "nông thôn mới"},        {"GPMB", "giải phóng mặt bằng"}, {"OCOP", "mỗi xã một sản phẩm"},
        {"HĐND", "hội đồng nhân dân"},   {"UBND", "ủy ban nhân dân"},     {"MTTQ", "mặt trận tổ quốc"},
        {"BCH", "ban chấp hành"},        {"BTV", "ban thường vụ"},        {"NVQS", "nghĩa vụ quân sự"},
        {"CCHC", "cải cách hành chính"}, {"TTHC", "thủ tục hành chính"},  {"ATTP", "an toàn thực phẩm"},
        {"ATGT", "an toàn giao thông"},  {"BHXH", "bảo hiểm xã hội"},     {"BHYT", "bảo hiểm y tế"},
        {"THCS", "trung học cơ sở"},     {"THPT", "trung học phổ thông"}, {"ĐBQH", "đại biểu quốc hội"},
        {"HTX", "hợp tác xã"},           {"KCN", "khu công nghiệp"},      {"xa", "xã an"},
    });
    return index;
}

// Walks the expression as FTS5's tokenizer would: outside strings only Cổng's own pieces may appear.
void check_syntax(std::string_view expression) {
    static constexpr std::string_view PIECES[] = {"{title lead body captions} : ", "exact : ", " AND ", " OR ", "(", ")",
                                                  " *"};
    int depth = 0;
    std::size_t i = 0;
    while (i < expression.size()) {
        if (expression[i] == '"') {
            std::size_t content = 0;
            ++i;
            for (;;) {
                check(i < expression.size(), "every string is closed");
                if (expression[i] == '"') {
                    if (i + 1 < expression.size() && expression[i + 1] == '"') {
                        i += 2;  // a doubled quote is a quote inside the string
                        ++content;
                        continue;
                    }
                    ++i;
                    break;
                }
                ++i;
                ++content;
            }
            check(content > 0, "no empty string");
            continue;
        }
        bool known = false;
        for (auto piece : PIECES) {
            if (expression.substr(i, piece.size()) == piece) {
                if (piece == "(") ++depth;
                if (piece == ")") --depth;
                check(depth >= 0, "parentheses close only what was opened");
                i += piece.size();
                known = true;
                break;
            }
        }
        check(known, "outside strings the expression holds only Cổng's own syntax");
    }
    check(depth == 0, "parentheses are balanced");
}

// The real index definition, with two rows, so that every expression is also run by FTS5 itself.
sqlite3* index_database() {
    static sqlite3* db = [] {
        sqlite3* handle = nullptr;
        check(sqlite3_open(":memory:", &handle) == SQLITE_OK, "sqlite opens");
        const char* schema =
            "CREATE VIRTUAL TABLE search_index USING fts5 (title, lead, body, captions, exact, "
            "tokenize = \"unicode61 remove_diacritics 0 categories 'L* N* Co M*'\", prefix = '3');"
            "INSERT INTO search_index VALUES ('nong thon moi', 'xa an binh', 'hoi dong nhan dan', '', 'nông thôn mơi1');"
            "INSERT INTO search_index VALUES ('ntm', 'ubnd', 'le hoi', 'anh', 'lê hôi6');";
        check(sqlite3_exec(handle, schema, nullptr, nullptr, nullptr) == SQLITE_OK, "the index is created");
        return handle;
    }();
    return db;
}

void check_fts5_accepts(const std::string& expression) {
    sqlite3_stmt* statement = nullptr;
    check(sqlite3_prepare_v2(index_database(), "SELECT rowid FROM search_index WHERE search_index MATCH ?1", -1,
                             &statement, nullptr) == SQLITE_OK,
          "the query prepares");
    sqlite3_bind_text(statement, 1, expression.data(), static_cast<int>(expression.size()), SQLITE_STATIC);
    int status;
    while ((status = sqlite3_step(statement)) == SQLITE_ROW) {
    }
    if (status != SQLITE_DONE) {
        std::fprintf(stderr, "FTS5 refused %s: %s\n", expression.c_str(), sqlite3_errmsg(index_database()));
    }
    sqlite3_finalize(statement);
    check(status == SQLITE_DONE, "FTS5 accepts every built expression");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto parsed = search::parse_query(text, synonyms());
    if (!parsed) {
        check(parsed.error().code == core::Errc::InvalidInput && parsed.error().field == "q", "a refused query is 400 on q");
        return 0;
    }
    std::size_t words = 0;
    for (const auto& part : parsed->parts) {
        check(!part.tokens.empty(), "a part has words");
        check(!(part.phrase && part.prefix), "a phrase is never a prefix");
        for (const auto& token : part.tokens) {
            check(!token.folded.empty() && core::is_valid_utf8(token.folded), "a word is non-empty UTF-8");
            check(token.folded.find('"') == std::string::npos, "a word holds no quote");
        }
        words += part.tokens.size();
    }
    // A full form joined into one part had several words; the limit counts what was typed.
    check(words <= search::MAX_QUERY_WORDS, "at most MAX_QUERY_WORDS words");
    auto terms = search::highlight_terms(*parsed);
    for (const auto& w : terms.words) check(terms.matches(w), "a highlight word matches itself");
    for (const auto& p : terms.prefixes) check(terms.matches(p), "a highlight prefix matches itself");
    if (parsed->empty()) return 0;

    auto expression = storage::sqlite::fts5_match(search::search_terms(*parsed));
    check(!expression.empty(), "a non-empty query has an expression");
    check(expression.size() <= 64 * 1024, "the expression stays small");
    check_syntax(expression);
    check_fts5_accepts(expression);
    return 0;
}
