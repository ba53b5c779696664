#include "search/search_service.hpp"

#include "core/text_field.hpp"

#include <algorithm>

namespace cong::search {
namespace {

using core::Errc;
using core::Error;
using core::Result;

// The category and every category under it: a search in "Tin tức" also finds "Tin tức > Xã".
std::vector<std::int64_t> with_children(const std::vector<model::Category>& all, std::int64_t root) {
    std::vector<std::int64_t> ids{root};
    for (std::size_t i = 0; i < ids.size(); ++i)
        for (const auto& c : all)
            if (c.parent_id == ids[i]) ids.push_back(c.id);
    return ids;
}

// The stores compare abbreviations as SQLite's NOCASE does: ASCII letters without case.
std::string ascii_lower(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    return out;
}

// 64-bit FNV-1a over every abbreviation and its full form: equal lists give equal fingerprints, and a
// change gives another with certainty for all practical purposes (a collision is 1 in 2^64).
std::string synonyms_fingerprint(const std::vector<storage::SearchSynonym>& synonyms) {
    std::uint64_t hash = 14695981039346656037ull;
    auto mix = [&](std::string_view text) {
        for (unsigned char c : text) hash = (hash ^ c) * 1099511628211ull;
        hash = (hash ^ 0xFF) * 1099511628211ull;  // 0xFF never occurs in UTF-8: a separator no text holds
    };
    for (const auto& synonym : synonyms) {
        mix(synonym.abbreviation);
        mix(synonym.expansion);
    }
    return std::to_string(hash) + ';';
}

}  // namespace

Result<core::Timestamp> parse_day(std::string_view text, std::string_view field) {
    auto bad = [&] {
        return Error{Errc::InvalidInput, "Ngày không hợp lệ: hãy dùng dạng năm-tháng-ngày, ví dụ 2024-04-03.",
                     std::string(field)};
    };
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return bad();
    auto number = [&](std::size_t at, std::size_t n) {
        int v = 0;
        for (std::size_t i = at; i < at + n; ++i) {
            if (text[i] < '0' || text[i] > '9') return -1;
            v = v * 10 + (text[i] - '0');
        }
        return v;
    };
    int y = number(0, 4), m = number(5, 2), d = number(8, 2);
    if (y < 1900 || m < 1 || d < 1) return bad();
    std::chrono::year_month_day day{std::chrono::year{y}, std::chrono::month{unsigned(m)}, std::chrono::day{unsigned(d)}};
    if (!day.ok()) return bad();
    return core::Timestamp{std::chrono::sys_days{day}.time_since_epoch()} - core::VIETNAM_OFFSET;
}

Result<SearchResults> SearchService::search(const SearchRequest& request, core::Timestamp now) {
    if (request.page < 1 || request.page > MAX_PAGE)
        return Error{Errc::InvalidInput, "Số trang phải từ 1 đến " + std::to_string(MAX_PAGE) + ".", "page"};
    if (request.from && request.until && *request.until <= *request.from)
        return Error{Errc::InvalidInput, "Khoảng thời gian không hợp lệ: ngày bắt đầu phải trước ngày kết thúc.", "from"};
    // The answer also depends on the synonym list, which the command line may change under a running
    // server: a kept answer's key carries a fingerprint of the list read in the same snapshot as it.
    auto key_of = [&](const std::vector<storage::SearchSynonym>& synonyms) {
        return synonyms_fingerprint(synonyms) + result_cache_key(request);
    };
    if (cache_) {
        CONG_TRY(synonyms, db_.read([](storage::Tx& tx) { return tx.search().list_synonyms(); }));
        if (auto kept = cache_->find(key_of(synonyms))) return *kept;
    }
    auto generation = cache_ ? cache_->generation() : 0;
    std::string key;
    auto found = db_.read([&](storage::Tx& tx) -> Result<SearchResults> {
        CONG_TRY(synonyms, tx.search().list_synonyms());
        if (cache_) key = key_of(synonyms);
        return run_search(tx, request, now, synonyms);
    });
    if (found && cache_) cache_->store(key, std::make_shared<const SearchResults>(*found), generation);
    return found;
}

Result<SearchResults> SearchService::run_search(storage::Tx& tx, const SearchRequest& request, core::Timestamp now,
                                               const std::vector<storage::SearchSynonym>& synonyms) {
    CONG_TRY(parsed, parse_query(request.query, SynonymIndex::from(synonyms)));
    SearchResults out;
    out.page = request.page;
    if (parsed.empty()) return out;
    out.has_terms = true;

    storage::SearchQuery query;
    query.site_id = site_id_;
    query.terms = search_terms(parsed);
    query.from = request.from;
    query.until = request.until;
    query.now = now;
    query.limit = RESULTS_PER_PAGE;
    query.rank_window = RANK_WINDOW;
    query.count_limit = COUNT_LIMIT;
    query.offset = (request.page - 1) * RESULTS_PER_PAGE;
    CONG_TRY(categories, tx.categories().list_categories(site_id_));
    if (!request.category_slug.empty()) {
        const model::Category* chosen = nullptr;
        for (const auto& c : categories)
            if (c.slug == request.category_slug) chosen = &c;
        if (!chosen) return Error{Errc::InvalidInput, "Chuyên mục không tồn tại.", "category"};
        query.category_ids = with_children(categories, chosen->id);
    }

    CONG_TRY(total, tx.search().count(query));
    out.total_exact = total <= COUNT_LIMIT;
    out.total = std::min<std::int64_t>(total, COUNT_LIMIT);
    out.page_count = std::min(MAX_PAGE, int((out.total + RESULTS_PER_PAGE - 1) / RESULTS_PER_PAGE));
    if (out.total == 0 || query.offset >= out.total) return out;
    CONG_TRY(hits, tx.search().search(query));

    auto terms = highlight_terms(parsed);
    for (const auto& hit : hits) {
        CONG_TRY(article, tx.articles().find_article(hit.article_id));
        if (!article) continue;  // cannot happen inside one snapshot; never show a hole
        SearchResult result;
        result.title = highlight_all(article->title, terms);
        // The snippet comes from where the words are: the body first, then the lead; with no
        // visible match (an abbreviation's full form in a caption, say) the lead introduces it.
        if (has_match(article->body_text, terms))
            result.snippet = highlight_excerpt(article->body_text, terms);
        else if (!article->lead.empty())
            result.snippet = highlight_excerpt(article->lead, terms);
        else
            result.snippet = highlight_excerpt(article->body_text, terms);
        article->body_json.clear();
        article->body_text.clear();
        for (const auto& c : categories)
            if (c.id == article->category_id) result.category = c;
        result.article = std::move(*article);
        out.results.push_back(std::move(result));
    }
    return out;
}

Result<std::vector<storage::SearchSynonym>> SearchService::list_synonyms() {
    return db_.read([](storage::Tx& tx) { return tx.search().list_synonyms(); });
}

Result<storage::SearchSynonym> SearchService::set_synonym(const storage::SearchSynonym& synonym,
                                                          const audit::Actor& actor) {
    CONG_TRY(abbreviation, core::clean_text_field(synonym.abbreviation, MAX_ABBREVIATION_CHARS, core::Required::Yes,
                                                  core::LineBreaks::Refused, "abbreviation", "Từ viết tắt"));
    CONG_TRY(expansion, core::clean_text_field(synonym.expansion, MAX_EXPANSION_CHARS, core::Required::Yes,
                                               core::LineBreaks::Refused, "expansion", "Nghĩa đầy đủ"));
    if (core::tokenize_for_search(abbreviation).size() != 1)
        return Error{Errc::InvalidInput, "Từ viết tắt phải là một từ, không có dấu cách.", "abbreviation"};
    auto words = core::tokenize_for_search(expansion);
    if (words.empty())
        return Error{Errc::InvalidInput, "Nghĩa đầy đủ phải có ít nhất một từ.", "expansion"};
    // A full form is what the abbreviation stands for; more words than a query may hold could never be typed.
    if (words.size() > MAX_QUERY_WORDS)
        return Error{Errc::InvalidInput,
                     "Nghĩa đầy đủ có quá nhiều từ: tối đa " + std::to_string(MAX_QUERY_WORDS) + " từ.", "expansion"};
    return db_.write([&](storage::Tx& tx) -> Result<storage::SearchSynonym> {
        CONG_TRY(before, tx.search().list_synonyms());
        std::string previous;
        std::string stored = abbreviation;
        for (const auto& s : before)
            if (ascii_lower(s.abbreviation) == ascii_lower(abbreviation)) {
                previous = s.expansion;
                stored = s.abbreviation;
            }
        CONG_TRY_VOID(tx.search().set_synonym({abbreviation, expansion}));
        std::string detail = stored + " → " + expansion;
        if (!previous.empty()) detail += " (trước: " + previous + ")";
        CONG_TRY_VOID(audit::record(tx, actor,
                                    {"search.synonym.set", "search_synonym", std::nullopt, site_id_, detail}));
        return storage::SearchSynonym{stored, expansion};
    });
}

Result<void> SearchService::remove_synonym(std::string_view abbreviation, const audit::Actor& actor) {
    if (abbreviation.size() > MAX_ABBREVIATION_CHARS * 4 || !core::is_valid_utf8(abbreviation))
        return Error{Errc::NotFound, "Không tìm thấy từ viết tắt.", "abbreviation"};
    return db_.write([&](storage::Tx& tx) -> Result<void> {
        CONG_TRY_VOID(tx.search().remove_synonym(abbreviation));
        return audit::record(tx, actor, {"search.synonym.remove", "search_synonym", std::nullopt, site_id_,
                                         std::string(abbreviation)});
    });
}

}  // namespace cong::search
