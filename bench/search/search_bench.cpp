// Search benchmark: writes N synthetic Vietnamese articles (~500 words each) into a fresh database
// through the real store and index code, then prints index build throughput, index size and the
// p50/p99 latency of SearchService::search (count, rank, page of 10, highlighted snippets) for
// one-word, two-word, phrase, prefix and no-diacritic queries.
//
//   cmake -DCONG_BENCH=ON … && ninja cong_search_bench
//   ./src/search/cong_search_bench [ARTICLES=100000] [QUERIES_PER_CLASS=200] [DIR=fresh temp dir]
//   CONG_BENCH_QUERIES_ONLY=1 ./src/search/cong_search_bench ARTICLES QUERIES DIR   # again, on DIR's database
//   CONG_BENCH_POSTGRES=1 CONG_TEST_POSTGRES_URL=postgresql://… ./src/search/cong_search_bench ARTICLES QUERIES
//     # the same on PostgreSQL (PgSearchStore), in a fresh database dropped at the end
// Besides the wall clock it reports CPU time (the load's, and each query's thread's): on a machine
// shared with other work the wall clock also measures the neighbours.
#include "core/vietnamese.hpp"
#include "search/search_service.hpp"
#include "search/test_corpus.hpp"
#include "storage/sqlite/sqlite_database.hpp"

#include <sqlite3.h>
#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

using namespace cong;
using Clock = std::chrono::steady_clock;

// Articles per write transaction while loading (an import would batch the same way).
constexpr int BATCH = 1000;

namespace {

// Common syllables of Vietnamese administrative news, most frequent first (roughly); Zipf-sampled.
const char* const SYLLABLES =
    "của và các là có được trong cho với đã những một người này năm huyện xã công tác thực hiện "
    "phát triển kinh tế hội đồng nhân dân ủy ban đảng bộ chi ban chấp hành thường vụ tỉnh thanh hóa "
    "thọ xuân nông thôn mới xây dựng giao thông đường nghị quyết kế hoạch chỉ tiêu nhiệm vụ giải pháp "
    "tổ chức cán bộ đảng viên lãnh đạo chỉ đạo triển khai kết quả đánh giá tình hình quý tháng ngày "
    "tổng kết hội nghị đại biểu đồng chí bí thư chủ tịch phó trưởng phòng sở ngành đoàn thể mặt trận "
    "tổ quốc thanh niên phụ nữ cựu chiến binh nông dân lao động việc làm đào tạo nghề giáo dục y tế "
    "văn hóa thể thao du lịch lễ hội di tích lam kinh đền thờ lê hoàn sông chu cầu kênh mương thủy lợi "
    "sản xuất lúa ngô mía cây trồng vật nuôi chăn nuôi dịch bệnh phòng chống an ninh quốc phòng trật "
    "tự an toàn xã hội giải phóng mặt bằng dự án đầu tư vốn ngân sách thu chi doanh nghiệp hợp tác "
    "khu công nghiệp cụm thương mại dịch vụ chợ hàng hóa sản phẩm mỗi môi trường rác thải nước sạch "
    "điện chiếu sáng nhà văn hóa thôn khu phố thị trấn hành chính cải cách thủ tục hồ sơ trực tuyến "
    "một cửa tiếp dân khiếu nại tố cáo pháp luật tuyên truyền phổ biến học tập làm theo tư tưởng đạo "
    "đức phong cách hồ chí minh gương điển hình tiên tiến thi đua khen thưởng bằng khen giấy khen "
    "nâng cao chất lượng hiệu quả tiến độ hoàn thành vượt mục tiêu định hướng quy hoạch chiến lược "
    "đất đai tài nguyên khoáng sản rừng bảo vệ trồng cây xanh sạch đẹp văn minh đô thị cảnh quan "
    "trường học sinh giáo viên mầm non tiểu học trung cơ sở phổ thông thi tốt nghiệp khai giảng "
    "bệnh viện trạm khám chữa bảo hiểm tế người cao tuổi trẻ em gia đình chính sách có công thương "
    "binh liệt sĩ hộ nghèo cận thoát nghèo hỗ trợ vay ưu đãi quỹ tín dụng ngân hàng thu nhập bình "
    "quân đầu tăng giảm so với cùng kỳ ước đạt khoảng trên dưới gần hơn nhất toàn bộ tất cả mọi "
    "tiếp tục đẩy mạnh tăng cường quan tâm tập trung ưu tiên chủ động kịp thời nghiêm túc đầy đủ "
    "sáng chiều tối hôm nay qua tại về đến từ theo sau trước khi nếu vì nên mà thì đó đây nào "
    "cũng đều vẫn còn chưa không rất nhiều ít lớn nhỏ cao thấp dài rộng mạnh yếu tốt xấu đúng sai "
    "ông bà anh chị em cô chú bác cháu con cha mẹ vợ chồng họ tên tuổi nghề nghiệp quê quán "
    "hội thi trao tặng quà thăm chúc mừng tết nguyên đán xuân hè thu đông mưa bão lũ lụt hạn hán "
    "thuyền rồng đua bơi vật võ cờ tướng bóng đá chuyền giải vô địch cúp huy chương vàng bạc đồng";

const char* const PHRASES[] = {"nông thôn mới", "giải phóng mặt bằng", "hội đồng nhân dân", "ủy ban nhân dân",
                               "mặt trận tổ quốc", "ban chấp hành", "an toàn thực phẩm", "cải cách hành chính",
                               "thọ xuân", "thanh hóa", "lễ hội lam kinh", "đền thờ lê hoàn",
                               "bảo hiểm xã hội", "khu công nghiệp", "nghĩa vụ quân sự"};
const char* const ABBREVIATIONS[] = {"NTM", "GPMB", "HĐND", "UBND", "MTTQ", "BCH", "OCOP", "ATTP", "CCHC"};

struct Generator {
    std::mt19937_64 random{7};
    std::vector<std::string> words;
    std::discrete_distribution<std::size_t> zipf;

    Generator() {
        std::istringstream in(SYLLABLES);
        for (std::string w; in >> w;)
            if (std::find(words.begin(), words.end(), w) == words.end()) words.push_back(w);
        // The long tail: plausible syllables (onset + rhyme + tone) after the common ones, so the
        // vocabulary is about as large as the language's (~6,000 syllables in use) and a word's
        // document frequency falls along the Zipf curve as in real text, not all near 100 %.
        const char* onsets[] = {"", "b", "c", "ch", "d", "đ", "g", "gi", "h", "kh", "l", "m", "n", "ng", "nh",
                                "ph", "qu", "r", "s", "t", "th", "tr", "v", "x"};
        const char* rhymes[] = {"a", "ai", "am", "an", "ang", "anh", "ao", "au", "ay", "ăm", "ăn", "ăng", "ăt",
                                "âm", "ân", "âng", "âu", "ây", "e", "em", "en", "eo", "ê", "êm", "ên", "ênh",
                                "êu", "i", "ia", "iêm", "iên", "iêu", "im", "in", "inh", "iu", "o", "oa", "oai",
                                "oan", "oang", "oanh", "oi", "om", "on", "ong", "ô", "ôi", "ôm", "ôn", "ông", "ơ",
                                "ơi", "ơm", "ơn", "u", "ua", "uân", "ui", "um", "un", "ung", "uôi", "uôn", "uông",
                                "uy", "uyên", "ư", "ưa", "ưng", "ươi", "ươn", "ương", "ưu"};
        const char* tones[] = {"", "\xcc\x81", "\xcc\x80", "\xcc\x89", "\xcc\x83", "\xcc\xa3"};
        std::vector<std::string> tail;
        for (auto* onset : onsets)
            for (auto* rhyme : rhymes)
                for (auto* tone : tones) {
                    // The tone mark goes after the rhyme's first vowel letter; NFC composes it.
                    std::string r = rhyme;
                    std::size_t first = (static_cast<unsigned char>(r[0]) < 0x80) ? 1 : 2;
                    tail.push_back(core::to_nfc(std::string(onset) + r.substr(0, first) + tone + r.substr(first)));
                }
        std::shuffle(tail.begin(), tail.end(), random);
        for (auto& w : tail) {
            if (words.size() >= 6000) break;
            if (std::find(words.begin(), words.end(), w) == words.end()) words.push_back(w);
        }
        std::vector<double> weights;
        for (std::size_t i = 0; i < words.size(); ++i) weights.push_back(1.0 / double(i + 1));
        zipf = std::discrete_distribution<std::size_t>(weights.begin(), weights.end());
    }

    std::size_t below(std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(random); }

    // n words of Zipf text with admin phrases, abbreviations, numbers and codes mixed in.
    std::string text(int n, bool sentences) {
        std::string out;
        int in_sentence = 0;
        for (int i = 0; i < n; ++i) {
            if (!out.empty()) out += ' ';
            auto roll = below(100);
            if (roll < 3) {
                out += PHRASES[below(std::size(PHRASES))];
            } else if (roll < 4) {
                out += ABBREVIATIONS[below(std::size(ABBREVIATIONS))];
            } else if (roll < 6) {
                // Numbers and document codes: the long tail of distinct terms real news has.
                out += below(2) ? std::to_string(below(100000)) : std::to_string(below(200)) + "/NQ-HU";
            } else {
                out += words[zipf(random)];
            }
            if (sentences && ++in_sentence > 12 && below(6) == 0) {
                out += '.';
                in_sentence = 0;
            }
        }
        if (!out.empty()) out[0] = char(std::toupper(static_cast<unsigned char>(out[0])));
        return out;
    }
};

// CPU seconds (user + system) this process has used: on a machine shared with other work the wall clock
// measures the neighbours too, the CPU time only what the load itself cost.
double cpu_seconds() {
    rusage usage{};
    ::getrusage(RUSAGE_SELF, &usage);
    auto seconds = [](const timeval& t) { return double(t.tv_sec) + double(t.tv_usec) / 1e6; };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// CPU milliseconds the calling thread has used.
double thread_cpu_ms() {
    timespec t{};
    ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}

double percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    if (v.empty()) return 0;
    auto index = std::size_t(std::ceil(p * double(v.size()))) - 1;
    return v[std::min(index, v.size() - 1)];
}

std::int64_t sqlite_int(const std::string& db, const std::string& sql) {
    sqlite3* handle = nullptr;
    sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READWRITE, nullptr);
    sqlite3_stmt* statement = nullptr;
    std::int64_t value = -1;
    if (sqlite3_prepare_v2(handle, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK &&
        sqlite3_step(statement) == SQLITE_ROW)
        value = sqlite3_column_int64(statement, 0);
    sqlite3_finalize(statement);
    sqlite3_close(handle);
    return value;
}

// Queries through the whole service: parse, count, rank, page of 10, snippets.
int run_queries(storage::Database& database, std::int64_t site_id, core::Timestamp now, Generator& generator,
                int per_class) {
    search::SearchService service(database, site_id);
    // Query words: ranks 20 to 2,000 of the Zipf vocabulary — past the function words, as people type.
    auto word = [&] { return generator.words[20 + generator.below(std::min<std::size_t>(1980, generator.words.size() - 20))]; };
    struct QueryClass {
        const char* name;
        std::function<std::string()> make;
    };
    std::vector<QueryClass> classes = {
        {"one word", [&] { return word() + " "; }},
        {"two words", [&] { return word() + " " + word() + " "; }},
        {"phrase", [&] { return "\"" + std::string(PHRASES[generator.below(std::size(PHRASES))]) + "\""; }},
        {"prefix (typing)", [&] {
             auto w = core::fold_for_search(word());
             return word() + " " + w.substr(0, std::max<std::size_t>(2, w.size() - 1));
         }},
        {"no diacritics", [&] { return core::fold_for_search(word() + " " + word()) + " "; }},
        {"stop word", [&] { return generator.words[generator.below(5)] + " "; }},
    };
    std::printf("\n%-18s %8s %8s %8s %10s %12s %12s\n", "query class", "p50 ms", "p99 ms", "max ms", "hits p50",
                "CPU p50 ms", "CPU p99 ms");
    for (auto& c : classes) {
        std::vector<double> times, cpu_times, hits;
        for (int i = 0; i < per_class; ++i) {
            search::SearchRequest request;
            request.query = c.make();
            auto t0 = Clock::now();
            double cpu0 = thread_cpu_ms();
            auto result = service.search(request, now);
            cpu_times.push_back(thread_cpu_ms() - cpu0);
            times.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
            if (!result) {
                std::fprintf(stderr, "query failed: %s: %s\n", request.query.c_str(), result.error().detail.c_str());
                return 1;
            }
            hits.push_back(double(result->total));
        }
        std::printf("%-18s %8.2f %8.2f %8.2f %10.0f %12.2f %12.2f\n", c.name, percentile(times, 0.5),
                    percentile(times, 0.99), percentile(times, 1.0), percentile(hits, 0.5), percentile(cpu_times, 0.5),
                    percentile(cpu_times, 0.99));
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    int articles = argc > 1 ? std::atoi(argv[1]) : 100000;
    int per_class = argc > 2 ? std::atoi(argv[2]) : 200;
    std::filesystem::path dir = argc > 3 ? std::filesystem::path(argv[3]) : std::filesystem::path{};
    if (!dir.empty()) std::filesystem::create_directories(dir);

    const char* queries_only_env = std::getenv("CONG_BENCH_QUERIES_ONLY");
    bool queries_only = queries_only_env && std::string(queries_only_env) == "1" && !dir.empty();
    Generator generator;
    std::printf("articles: %d (about 500 words each), vocabulary: %zu syllables (Zipf) + phrases, numbers, codes\n",
                articles, generator.words.size());
    const std::int64_t first_day = 1'500'000'000;
    auto now = core::Timestamp{std::chrono::seconds{first_day + std::int64_t(articles) * 3000 + 1}};
    if (queries_only) {
        // The database an earlier run loaded into DIR: its first site holds the articles.
        core::StorageConfig config;
        config.data_dir = dir.string();
        auto database = storage::open_sqlite(config, false);
        if (!database) {
            std::fprintf(stderr, "cannot open %s: %s\n", dir.c_str(), database.error().detail.c_str());
            return 1;
        }
        std::printf("queries only, on the database in %s\n", dir.c_str());
        return run_queries(**database, 1, now, generator, per_class);
    }

    const char* postgres_env = std::getenv("CONG_BENCH_POSTGRES");
    bool postgres = postgres_env && std::string(postgres_env) == "1";
    search::testing::TestCorpus corpus(dir, postgres ? search::testing::Engine::Tests : search::testing::Engine::Sqlite);

    // Bulk load the way an import would: FTS5 keeps up to 64 MB of new postings in memory instead of
    // 1 MB (so one transaction of 1,000 articles becomes one segment, not dozens), and merges segments
    // once at the end ('optimize' below) instead of while loading. These are FTS5 configuration values
    // stored in the index; the per-article path (ArticleService) keeps the defaults, restored below.
    auto db_path = storage::sqlite_path(corpus.directory().string());
    const char* bulk_env = std::getenv("CONG_BENCH_BULK");
    bool bulk = !postgres && (!bulk_env || std::string(bulk_env) != "0");
    if (bulk) {
        sqlite_int(db_path, "INSERT INTO search_index (search_index, rank) VALUES ('hashsize', 67108864)");
        sqlite_int(db_path, "INSERT INTO search_index (search_index, rank) VALUES ('automerge', 0)");
        sqlite_int(db_path, "INSERT INTO search_index (search_index, rank) VALUES ('crisismerge', 200)");
    }

    // Index build: articles written and indexed through the real store code, 1,000 per transaction.
    std::size_t text_bytes = 0;
    // Only the writing is timed: each batch's text is generated first, as an import would read it.
    Clock::duration build_time{};
    double build_cpu = 0;
    std::vector<search::testing::CorpusArticle> pending;
    for (int done = 0; done < articles;) {
        int batch = std::min(BATCH, articles - done);
        pending.clear();
        for (int i = 0; i < batch; ++i) {
            search::testing::CorpusArticle a;
            a.title = generator.text(8 + int(generator.below(7)), false);
            a.lead = generator.text(30 + int(generator.below(20)), true);
            a.body = generator.text(420 + int(generator.below(160)), true);
            a.captions = generator.text(8, false);
            a.published_at = first_day + std::int64_t(done + i) * 3000;  // one every 50 minutes
            text_bytes += a.title.size() + a.lead.size() + a.body.size() + a.captions.size();
            pending.push_back(std::move(a));
        }
        auto start = Clock::now();
        double cpu_start = cpu_seconds();
        auto written = corpus.database().write([&](storage::Tx& tx) -> core::Result<void> {
            for (const auto& a : pending) CONG_TRY_VOID(corpus.add(tx, a));
            return {};
        });
        build_time += Clock::now() - start;
        build_cpu += cpu_seconds() - cpu_start;
        if (!written) {
            std::fprintf(stderr, "write failed: %s\n", written.error().detail.c_str());
            return 1;
        }
        done += batch;
    }
    double build_seconds = std::chrono::duration<double>(build_time).count();
    std::printf("index build (insert + index, text generation not counted): %.1f s, %.0f articles/s "
                "(%.0f MB of text); CPU %.1f s, %.0f articles per CPU second\n",
                build_seconds, articles / build_seconds, double(text_bytes) / 1e6, build_cpu, articles / build_cpu);

    if (!postgres) {
        auto optimize_start = Clock::now();
        sqlite_int(db_path, "INSERT INTO search_index (search_index) VALUES ('optimize')");
        std::printf("optimize: %.1f s\n", std::chrono::duration<double>(Clock::now() - optimize_start).count());
        if (bulk) {
            sqlite_int(db_path, "INSERT INTO search_index (search_index, rank) VALUES ('hashsize', 1048576)");
            sqlite_int(db_path, "INSERT INTO search_index (search_index, rank) VALUES ('automerge', 4)");
            sqlite_int(db_path, "INSERT INTO search_index (search_index, rank) VALUES ('crisismerge', 16)");
        }
        auto index_bytes = sqlite_int(db_path, "SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'search_index%'");
        auto fts_data = sqlite_int(db_path, "SELECT sum(pgsize) FROM dbstat WHERE name = 'search_index_data'");
        auto file_bytes = std::filesystem::file_size(db_path);
        std::printf("database: %.0f MB; search index (all search_index tables): %.0f MB, of which inverted index "
                    "%.0f MB\n",
                    double(file_bytes) / 1e6, double(index_bytes) / 1e6, double(fts_data) / 1e6);
    }
    return run_queries(corpus.database(), corpus.site_id(), now, generator, per_class);
}
