// Dataset generator: fills a data directory made by `cong init` with a district portal's worth of content —
// a 2-level category tree (~30 categories), a pool of real JPEG photos (uploaded through MediaService, so
// their variants are on disk and pages show real <img> tags), and N published articles spread over ten
// years, each with a valid body document (paragraphs, a heading now and then, 1–3 captioned figures), a
// cover photo, and a search index entry — all written through the storage interfaces, 1,000 articles per
// transaction, as an import would.
//
//   bench/dataset.sh N DATA_DIR            (runs `cong init`, then this program)
//   cong_dataset DATA_DIR [ARTICLES=100000] [PHOTOS=240]
#include "content/document.hpp"
#include "core/config.hpp"
#include "core/vietnamese.hpp"
#include "media/image_generator.hpp"
#include "media/media_service.hpp"
#include "storage/database.hpp"
#include "storage/sqlite/sqlite_database.hpp"

#include <sqlite3.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

using namespace cong;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int BATCH = 1000;
constexpr int PHOTO_WIDTH = 960;
constexpr int PHOTO_HEIGHT = 640;

// Syllables of administrative news, most frequent first; text is drawn from them with Zipf weights.
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
    "bệnh viện trạm khám chữa bảo hiểm người cao tuổi trẻ em gia đình chính sách có công thương "
    "binh liệt sĩ hộ nghèo cận thoát hỗ trợ vay ưu đãi quỹ tín dụng ngân hàng thu nhập bình "
    "quân đầu tăng giảm so với cùng kỳ ước đạt khoảng trên dưới gần hơn nhất toàn bộ tất cả mọi "
    "tiếp tục đẩy mạnh tăng cường quan tâm tập trung ưu tiên chủ động kịp thời nghiêm túc đầy đủ "
    "sáng chiều tối hôm nay qua tại về đến từ theo sau trước khi nếu vì nên mà thì đó đây nào "
    "cũng đều vẫn còn chưa không rất nhiều ít lớn nhỏ cao thấp dài rộng mạnh yếu tốt xấu đúng sai "
    "hội thi trao tặng quà thăm chúc mừng tết nguyên đán xuân hè thu đông mưa bão lũ lụt hạn hán "
    "thuyền rồng đua bơi vật võ cờ tướng bóng đá chuyền giải vô địch cúp huy chương vàng bạc";

const char* const PHRASES[] = {"nông thôn mới", "giải phóng mặt bằng", "hội đồng nhân dân", "ủy ban nhân dân",
                               "mặt trận tổ quốc", "ban chấp hành", "an toàn thực phẩm", "cải cách hành chính",
                               "Thọ Xuân", "Thanh Hóa", "lễ hội Lam Kinh", "đền thờ Lê Hoàn", "HĐND", "UBND",
                               "OCOP", "MTTQ"};
const char* const BYLINES[] = {"Lê Thơ", "Hồng Tăng", "Minh Hiếu", "Thu Trang", "Văn Hùng", "Ngọc Lan",
                               "Quốc Toản", "Thanh Hương", "Đức Anh", "Phương Thảo"};
const char* const SOURCES[] = {"Trung tâm VHTT, TT&DL huyện", "Văn phòng HĐND và UBND huyện",
                               "Phòng Nông nghiệp và PTNT", "Báo Thanh Hóa", ""};

struct CategorySpec {
    const char* name;
    std::vector<const char*> children;
};

// 8 sections and 24 subsections: the menu of a district portal.
const std::vector<CategorySpec> CATEGORIES = {
    {"Tin tức - Sự kiện", {"Tin trong huyện", "Tin xã - thị trấn", "Tin trong tỉnh", "Tin trong nước"}},
    {"Chính trị", {"Hoạt động Đảng", "Hội đồng nhân dân", "Ủy ban nhân dân", "Mặt trận - Đoàn thể"}},
    {"Kinh tế", {"Nông nghiệp", "Công nghiệp - Tiểu thủ công nghiệp", "Thương mại - Dịch vụ", "Đầu tư - Xây dựng"}},
    {"Văn hóa - Xã hội", {"Văn hóa - Thể thao", "Giáo dục - Đào tạo", "Y tế", "Lao động - Việc làm"}},
    {"Nông thôn mới", {"Xây dựng nông thôn mới", "Chương trình OCOP"}},
    {"Quốc phòng - An ninh", {"Quốc phòng", "An ninh trật tự"}},
    {"Cải cách hành chính", {"Thủ tục hành chính", "Chuyển đổi số"}},
    {"Thông báo", {"Thông báo chung", "Lịch công tác"}},
};

class TextGenerator {
public:
    explicit TextGenerator(std::uint64_t seed) : random_(seed) {
        std::istringstream in(SYLLABLES);
        for (std::string w; in >> w;)
            if (std::find(words_.begin(), words_.end(), w) == words_.end()) words_.push_back(w);
        std::vector<double> weights;
        for (std::size_t i = 0; i < words_.size(); ++i) weights.push_back(1.0 / double(i + 1));
        zipf_ = std::discrete_distribution<std::size_t>(weights.begin(), weights.end());
    }

    std::size_t below(std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(random_); }
    std::mt19937_64& random() { return random_; }

    // n words, sentences with a capital and a full stop when sentences is set.
    std::string text(int n, bool sentences) {
        std::string out;
        bool capital = true;
        int in_sentence = 0;
        for (int i = 0; i < n; ++i) {
            if (!out.empty()) out += ' ';
            std::size_t start = out.size();
            auto roll = below(100);
            if (roll < 3) out += PHRASES[below(std::size(PHRASES))];
            else if (roll < 5) out += std::to_string(below(2000) + 1);
            else out += words_[zipf_(random_)];
            if (capital && static_cast<unsigned char>(out[start]) < 0x80)
                out[start] = char(std::toupper(static_cast<unsigned char>(out[start])));
            capital = false;
            if (sentences && ++in_sentence > 10 && (below(6) == 0 || i == n - 1)) {
                out += '.';
                in_sentence = 0;
                capital = true;
            }
        }
        if (sentences && !out.empty() && out.back() != '.') out += '.';
        return out;
    }

private:
    std::mt19937_64 random_;
    std::vector<std::string> words_;
    std::discrete_distribution<std::size_t> zipf_;
};

void sqlite_exec(const std::string& db, const std::string& sql) {
    sqlite3* handle = nullptr;
    if (sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK) {
        sqlite3_busy_timeout(handle, 10000);
        char* error = nullptr;
        if (sqlite3_exec(handle, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
            std::fprintf(stderr, "%s: %s\n", sql.c_str(), error ? error : "?");
            sqlite3_free(error);
        }
    }
    sqlite3_close(handle);
}

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// CPU seconds (user + system) the process has used: on a shared machine, wall time says little.
double cpu_seconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    auto seconds = [](const timeval& t) { return double(t.tv_sec) + double(t.tv_usec) / 1e6; };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

struct Photo {
    std::int64_t id = 0;
    std::string caption;
};

int fail(const std::string& what, const core::Error& error) {
    std::fprintf(stderr, "%s: %s\n", what.c_str(), error.detail.c_str());
    return 1;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: cong_dataset DATA_DIR [ARTICLES=100000] [PHOTOS=240]\n");
        return 2;
    }
    std::string data_dir = argv[1];
    int articles = argc > 2 ? std::atoi(argv[2]) : 100000;
    int photos = argc > 3 ? std::atoi(argv[3]) : 240;
    if (articles < 1 || photos < 1) {
        std::fprintf(stderr, "ARTICLES and PHOTOS must be positive\n");
        return 2;
    }

    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    core::Config config;
    config.storage.data_dir = data_dir;
    auto opened = storage::open_sqlite(config.storage, false);
    if (!opened) return fail("open " + data_dir + " (run `cong init --data " + data_dir + "` first)", opened.error());
    auto& db = **opened;
    auto db_path = storage::sqlite_path(data_dir);
    TextGenerator generator(20261126);
    auto total_start = Clock::now();

    // The site: the one `cong init` made, with a public host so feeds and the sitemap are cacheable too.
    std::int64_t site_id = 0;
    auto site_done = db.write([&](storage::Tx& tx) -> core::Result<void> {
        CONG_TRY(sites, tx.sites().list_sites());
        if (sites.empty()) return core::Error{core::Errc::NotFound, "no site: run cong init first"};
        auto site = sites.front();
        site_id = site.id;
        site.name = "Cổng thông tin điện tử huyện Thọ Xuân";
        site.slogan = "Thọ Xuân - Đất địa linh, người hào kiệt";
        site.host = "thoxuan.thanhhoa.gov.vn";
        site.owner = "Ủy ban nhân dân huyện Thọ Xuân";
        site.address = "Khu 4, thị trấn Thọ Xuân, huyện Thọ Xuân, tỉnh Thanh Hóa";
        site.phone = "0237 3833 218";
        site.email = "thoxuan@thanhhoa.gov.vn";
        site.responsible_person = "Chủ tịch UBND huyện Thọ Xuân";
        CONG_TRY_VOID(tx.sites().update_site(site));
        CONG_TRY(existing, tx.categories().list_categories(site.id));
        if (!existing.empty())
            return core::Error{core::Errc::Conflict, "the site already has categories: use a fresh data directory"};
        return {};
    });
    if (!site_done) return fail("site", site_done.error());

    // Categories: articles go to subsections, one in ten to a section itself.
    std::vector<std::int64_t> leaf_ids, section_ids;
    auto categories_done = db.write([&](storage::Tx& tx) -> core::Result<void> {
        int position = 0;
        for (const auto& spec : CATEGORIES) {
            model::Category section;
            section.site_id = site_id;
            section.name = spec.name;
            section.slug = core::slugify(spec.name);
            section.position = position++;
            CONG_TRY(section_id, tx.categories().insert_category(section));
            section_ids.push_back(section_id);
            int child_position = 0;
            for (const char* child_name : spec.children) {
                model::Category child;
                child.site_id = site_id;
                child.parent_id = section_id;
                child.name = child_name;
                child.slug = core::slugify(child_name);
                child.position = child_position++;
                CONG_TRY(child_id, tx.categories().insert_category(child));
                leaf_ids.push_back(child_id);
            }
        }
        return {};
    });
    if (!categories_done) return fail("categories", categories_done.error());

    // Photos: real JPEGs through the real upload path (checks, variants on disk, rows), on two threads:
    // drawing and deriving variants is CPU work, and the database serialises the short writes.
    auto photos_start = Clock::now();
    media::MediaService media_service(db, data_dir + "/media", config.media);
    std::vector<Photo> pool(static_cast<std::size_t>(photos));
    for (auto& photo : pool) photo.caption = generator.text(8 + int(generator.below(8)), false);
    std::vector<std::string> upload_errors(2);
    auto upload_share = [&](int first) {
        for (int i = first; i < photos; i += 2) {
            auto jpeg = media::generate_demo_jpeg(PHOTO_WIDTH, PHOTO_HEIGHT, std::uint32_t(i + 1) * 2654435761u, "");
            if (!jpeg) {
                upload_errors[first] = "photo: " + jpeg.error().detail;
                return;
            }
            media::UploadInput input;
            input.site_id = site_id;
            input.original_name = "anh-" + std::to_string(i + 1) + ".jpg";
            input.data = *jpeg;
            input.caption = pool[i].caption;
            input.alt = pool[i].caption;
            input.credit = BYLINES[i % std::size(BYLINES)];
            auto stored = media_service.upload(input);
            if (!stored) {
                upload_errors[first] = "upload: " + stored.error().detail;
                return;
            }
            pool[i].id = stored->id;
        }
    };
    {
        std::thread second(upload_share, 1);
        upload_share(0);
        second.join();
    }
    for (const auto& error : upload_errors) {
        if (error.empty()) continue;
        std::fprintf(stderr, "%s\n", error.c_str());
        return 1;
    }
    double photos_seconds = seconds_since(photos_start);
    double photos_cpu = cpu_seconds();
    std::printf("categories: %zu sections, %zu subsections\n", section_ids.size(), leaf_ids.size());
    std::printf("photos: %d in %.1f s, %.1f CPU s (%.0f ms each: generate, check, derive variants, write)\n",
                photos, photos_seconds, photos_cpu, 1000 * photos_seconds / photos);

    // Bulk load settings for the search index, as the search bench and an import use them.
    sqlite_exec(db_path, "INSERT INTO search_index (search_index, rank) VALUES ('hashsize', 67108864);"
                         "INSERT INTO search_index (search_index, rank) VALUES ('automerge', 0);"
                         "INSERT INTO search_index (search_index, rank) VALUES ('crisismerge', 200);");

    // Ten years of news, oldest first, ending an hour ago.
    auto end = std::chrono::floor<std::chrono::seconds>(core::now()) - std::chrono::hours{1};
    auto span = std::chrono::seconds{std::int64_t(3652) * 24 * 3600};
    auto start_time = end - span;
    double step = double(span.count()) / articles;

    struct Pending {
        model::Article article;
        std::vector<std::int64_t> media_ids;
        std::string captions;
    };
    std::vector<Pending> pending;
    Clock::duration generate_time{}, write_time{};
    double articles_cpu_start = cpu_seconds();
    std::size_t body_bytes = 0;
    int slug_seq = 0;
    for (int done = 0; done < articles;) {
        int batch = std::min(BATCH, articles - done);
        auto generate_start = Clock::now();
        pending.clear();
        for (int i = 0; i < batch; ++i) {
            int n = done + i;
            Pending p;
            auto& a = p.article;
            a.site_id = site_id;
            a.category_id = generator.below(10) == 0 ? section_ids[generator.below(section_ids.size())]
                                                     : leaf_ids[generator.below(leaf_ids.size())];
            a.title = generator.text(8 + int(generator.below(7)), false);
            a.slug = core::slugify(a.title, 60) + "-" + std::to_string(++slug_seq);
            a.lead = generator.text(30 + int(generator.below(20)), true);
            a.byline = BYLINES[generator.below(std::size(BYLINES))];
            a.source = SOURCES[generator.below(std::size(SOURCES))];
            a.status = model::ArticleStatus::Published;
            a.featured = generator.below(50) == 0;
            auto published = start_time + std::chrono::seconds{std::int64_t(n * step + generator.below(std::size_t(step) + 1))};
            a.published_at = std::min(published, end);
            a.created_at = a.updated_at = *a.published_at;
            const Photo& cover = pool[generator.below(pool.size())];
            a.cover_media_id = cover.id;

            // Body: 5–9 paragraphs of 40–90 words, 1–3 figures among them, a heading in one article of three.
            content::DocumentBuilder builder;
            int paragraphs = 5 + int(generator.below(5));
            int figures = 1 + int(generator.below(3));
            std::vector<int> figure_after;
            for (int f = 0; f < figures; ++f) figure_after.push_back(int(generator.below(std::size_t(paragraphs))));
            std::sort(figure_after.begin(), figure_after.end());
            bool heading = generator.below(3) == 0;
            std::size_t next_figure = 0;
            for (int k = 0; k < paragraphs; ++k) {
                if (heading && k == paragraphs / 2) builder.heading(2, generator.text(5 + int(generator.below(5)), false));
                builder.paragraph(generator.text(40 + int(generator.below(51)), true));
                while (next_figure < figure_after.size() && figure_after[next_figure] == k) {
                    const Photo& photo = pool[generator.below(pool.size())];
                    // Half the figures carry their own caption; the others show the photo's.
                    if (generator.below(2) == 0) builder.figure(photo.id, generator.text(10 + int(generator.below(10)), false));
                    else builder.figure(photo.id);
                    ++next_figure;
                }
            }
            auto document = builder.build();
            if (!document) return fail("document", document.error());
            a.body_json = document->to_json();
            a.body_text = document->plain_text();
            body_bytes += a.body_json.size();
            p.media_ids.push_back(cover.id);
            for (auto id : document->media_ids())
                if (std::find(p.media_ids.begin(), p.media_ids.end(), id) == p.media_ids.end()) p.media_ids.push_back(id);
            for (auto id : p.media_ids) {
                if (id == cover.id) continue;
                auto photo = std::find_if(pool.begin(), pool.end(), [&](const Photo& ph) { return ph.id == id; });
                if (photo == pool.end()) continue;
                if (!p.captions.empty()) p.captions += "\n";
                p.captions += photo->caption;
            }
            pending.push_back(std::move(p));
        }
        generate_time += Clock::now() - generate_start;

        auto write_start = Clock::now();
        auto written = db.write([&](storage::Tx& tx) -> core::Result<void> {
            for (auto& p : pending) {
                CONG_TRY(id, tx.articles().insert_article(p.article));
                p.article.id = id;
                CONG_TRY_VOID(tx.articles().set_article_media(id, p.media_ids));
                CONG_TRY_VOID(tx.search().index_article(p.article, p.captions));
            }
            return {};
        });
        write_time += Clock::now() - write_start;
        if (!written) return fail("articles", written.error());
        done += batch;
        if (done % 10000 == 0 || done == articles) {
            std::fprintf(stderr, "%d / %d articles\n", done, articles);
            std::fflush(stderr);
        }
    }
    double articles_cpu = cpu_seconds() - articles_cpu_start;
    double write_seconds = std::chrono::duration<double>(write_time).count();
    double generate_seconds = std::chrono::duration<double>(generate_time).count();

    auto optimize_start = Clock::now();
    sqlite_exec(db_path, "INSERT INTO search_index (search_index) VALUES ('optimize');"
                         "INSERT INTO search_index (search_index, rank) VALUES ('hashsize', 1048576);"
                         "INSERT INTO search_index (search_index, rank) VALUES ('automerge', 4);"
                         "INSERT INTO search_index (search_index, rank) VALUES ('crisismerge', 16);"
                         "PRAGMA wal_checkpoint(TRUNCATE);");
    double optimize_seconds = seconds_since(optimize_start);
    double total_seconds = seconds_since(total_start);

    std::uintmax_t media_bytes = 0;
    std::size_t media_files = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(data_dir + "/media")) {
        if (!entry.is_regular_file()) continue;
        media_bytes += entry.file_size();
        ++media_files;
    }
    std::printf("articles: %d, body JSON %.0f MB; generating text and documents %.1f s\n", articles,
                double(body_bytes) / 1e6, generate_seconds);
    std::printf("writing (insert + media links + search index, %d per transaction): %.1f s = %.0f articles/s\n", BATCH,
                write_seconds, articles / write_seconds);
    std::printf("CPU for the articles (generating + writing): %.1f s = %.0f articles per CPU second\n", articles_cpu,
                articles / articles_cpu);
    std::printf("search index optimize + checkpoint: %.1f s\n", optimize_seconds);
    std::printf("total: %.1f s = %.0f articles/s end to end\n", total_seconds, articles / total_seconds);
    std::printf("database: %.0f MB; media: %zu files, %.0f MB\n",
                double(std::filesystem::file_size(db_path)) / 1e6, media_files, double(media_bytes) / 1e6);
    return 0;
}
