#include "media/media_service.hpp"
#include "storage/sqlite/sqlite_test_support.hpp"

#include "media/test_images.hpp"
#include "media/variant_names.hpp"
#include "storage/sqlite/sqlite_database.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

#include <fstream>
#include <sstream>
#include <stdlib.h>

namespace cong::media {
namespace {

using testing::make_image;
using testing::png_claiming;

std::string sha256_of(std::string_view data) {
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(data.data()), data.size());
    char hex[crypto_hash_sha256_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return hex;
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in{path, std::ios::binary};
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

std::size_t count_files(const std::filesystem::path& directory) {
    if (!std::filesystem::exists(directory)) return 0;
    std::size_t count = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator{directory}) count += entry.is_regular_file();
    return count;
}

// A real SQLite database and media directory in a fresh temporary directory, with two sites.
class MediaServiceTest : public ::testing::Test {
protected:
    void SetUp() override {
        std::string pattern = (std::filesystem::temp_directory_path() / "cong-media-XXXXXX").string();
        ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
        directory_ = pattern;
        media_dir_ = directory_ / "media";
        core::StorageConfig config;
        config.data_dir = directory_.string();
        auto opened = storage::test_support::open_test_database(config);
        ASSERT_TRUE(opened.has_value()) << opened.error().detail;
        database_ = std::move(*opened);
        for (auto [name, host] : {std::pair{"Cổng thông tin điện tử huyện Thọ Xuân", ""}, std::pair{"Xã Xuân Hòa", "xuanhoa.example"}}) {
            model::Site site;
            site.name = name;
            site.host = host;
            auto id = database_->write([&](storage::Tx& tx) { return tx.sites().insert_site(site); });
            ASSERT_TRUE(id.has_value()) << id.error().detail;
            site_ids_.push_back(*id);
        }
        service_.emplace(*database_, media_dir_.string(), core::MediaConfig{});
    }

    void TearDown() override {
        service_.reset();
        database_.reset();
        std::filesystem::remove_all(directory_);
    }

    UploadInput input(std::string_view data, std::string name = "22 (3).jpg") {
        UploadInput in;
        in.site_id = site_ids_[0];
        in.original_name = std::move(name);
        in.data = data;
        return in;
    }

    void expect_refused(const UploadInput& in, core::Errc code, std::string_view field = "file") {
        auto media = service_->upload(in);
        ASSERT_FALSE(media.has_value());
        EXPECT_EQ(media.error().code, code) << media.error().detail;
        EXPECT_EQ(media.error().field, field);
        // Nothing refused leaves a file or a row behind.
        EXPECT_EQ(count_files(media_dir_), 0u);
        EXPECT_TRUE(service_->find_many({1, 2, 3})->empty());
    }

    std::filesystem::path directory_, media_dir_;
    std::unique_ptr<storage::Database> database_;
    std::vector<std::int64_t> site_ids_;
    std::optional<MediaService> service_;
};

TEST_F(MediaServiceTest, StoresARealJpegUnderItsHashWithItsOriginalName) {
    std::string photo = make_image(640, 427, ".jpg");
    UploadInput in = input(photo);
    in.caption = "( Toàn cảnh hội nghị)";
    in.alt = "Hội trường với các đại biểu";
    in.credit = "Lê Thơ-Hồng Tăng";
    auto media = service_->upload(in);
    ASSERT_TRUE(media.has_value()) << media.error().detail;

    std::string hash = sha256_of(photo);
    EXPECT_GT(media->id, 0);
    EXPECT_EQ(media->sha256, hash);
    EXPECT_EQ(media->extension, "jpg");
    EXPECT_EQ(media->content_type, "image/jpeg");
    EXPECT_EQ(media->original_name, "22 (3).jpg");
    EXPECT_EQ(media->width, 640);
    EXPECT_EQ(media->height, 427);
    EXPECT_EQ(media->bytes, static_cast<std::int64_t>(photo.size()));
    // The upload is kept as it came, privately; four re-encoded variants (320 and 640 wide, JPEG and WebP).
    EXPECT_EQ(read_file(media_dir_ / hash.substr(0, 2) / (hash + ".jpg")), photo);
    EXPECT_EQ(count_files(media_dir_), 5u);
    EXPECT_EQ(service_->url(*media), "/media/" + hash + "-640.jpg");
    EXPECT_EQ(media->pipeline_version, PIPELINE_VERSION);

    auto found = service_->find(media->id);
    ASSERT_TRUE(found.has_value() && found->has_value());
    EXPECT_EQ((*found)->original_name, "22 (3).jpg");
    EXPECT_EQ((*found)->caption, "( Toàn cảnh hội nghị)");
    EXPECT_EQ((*found)->alt, "Hội trường với các đại biểu");
    EXPECT_EQ((*found)->credit, "Lê Thơ-Hồng Tăng");
    EXPECT_EQ((*found)->width, 640);
    EXPECT_EQ((*found)->content_type, "image/jpeg");
}

TEST_F(MediaServiceTest, StoresPngWebpAndGifWithTheirOwnExtension) {
    for (auto [extension, type] : {std::pair{"png", "image/png"}, std::pair{"webp", "image/webp"}, std::pair{"gif", "image/gif"}}) {
        std::string image = make_image(90, 60, std::string{"."} + extension);
        auto media = service_->upload(input(image, "ảnh.bin"));
        ASSERT_TRUE(media.has_value()) << extension << ": " << media.error().detail;
        EXPECT_EQ(media->extension, extension);
        EXPECT_EQ(media->content_type, type);
        EXPECT_TRUE(std::filesystem::exists(media_dir_ / media->sha256.substr(0, 2) / (media->sha256 + "." + extension)));
    }
}

TEST_F(MediaServiceTest, KeepsOnlyTheDisplayPartOfPathLikeNamesInNfc) {
    std::string photo = make_image(50, 50, ".jpg");
    std::string other = make_image(51, 50, ".jpg");
    std::string third = make_image(52, 50, ".jpg");
    auto passwd = service_->upload(input(photo, "../../etc/passwd"));
    auto windows = service_->upload(input(other, "C:\\x\\y.jpg"));
    auto nfd = service_->upload(input(third, "a\xCC\x89nh ho\xCC\xA3\xCC\x82i nghi\xCC\xA3.jpg"));  // "ảnh hội nghị.jpg" in NFD
    ASSERT_TRUE(passwd && windows && nfd);
    EXPECT_EQ(passwd->original_name, "passwd");
    EXPECT_EQ(windows->original_name, "y.jpg");
    EXPECT_EQ(nfd->original_name, "ảnh hội nghị.jpg");
    EXPECT_FALSE(std::filesystem::exists(directory_ / "etc"));
    EXPECT_EQ(count_files(media_dir_), 9u);  // each: the upload, one JPEG and one WebP at its own width
}

TEST_F(MediaServiceTest, ReturnsTheExistingMediaForTheSameBytesOnTheSameSite) {
    std::string photo = make_image(300, 200, ".jpg");
    UploadInput first = input(photo, "17 (10).jpg");
    first.caption = "( Đại biểu dự hội nghị)";
    auto original = service_->upload(first);
    ASSERT_TRUE(original.has_value());

    UploadInput again = input(photo, "bản sao.jpg");
    again.caption = "chú thích khác";
    auto duplicate = service_->upload(again);
    ASSERT_TRUE(duplicate.has_value());
    EXPECT_EQ(duplicate->id, original->id);
    EXPECT_EQ(duplicate->original_name, "17 (10).jpg");
    EXPECT_EQ(duplicate->caption, "( Đại biểu dự hội nghị)");

    // Another site gets its own record of the same file, which is stored once.
    UploadInput elsewhere = input(photo);
    elsewhere.site_id = site_ids_[1];
    auto other_site = service_->upload(elsewhere);
    ASSERT_TRUE(other_site.has_value());
    EXPECT_NE(other_site->id, original->id);
    EXPECT_EQ(other_site->sha256, original->sha256);
    EXPECT_EQ(count_files(media_dir_), 3u);
}

TEST_F(MediaServiceTest, RefusesATextFileNamedJpg) {
    expect_refused(input("Báo cáo kết quả quý I năm 2024: 03/38 chỉ tiêu hoàn thành\n", "x.jpg"),
                   core::Errc::UnsupportedMediaType);
    auto media = service_->upload(input("plain text", "x.jpg"));
    ASSERT_FALSE(media.has_value());
    EXPECT_EQ(media.error().detail, "Tệp tải lên không phải là ảnh JPEG, PNG, WebP hoặc GIF");
}

TEST_F(MediaServiceTest, RefusesSvgEvenWhenNamedPng) {
    expect_refused(input(R"(<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">)"
                         R"(<script>alert(document.cookie)</script><circle r="40" cx="50" cy="50"/></svg>)",
                         "logo.png"),
                   core::Errc::UnsupportedMediaType);
}

TEST_F(MediaServiceTest, RefusesATruncatedJpeg) {
    std::string photo = make_image(640, 480, ".jpg");
    expect_refused(input(std::string_view{photo}.substr(0, photo.size() * 2 / 3)), core::Errc::InvalidInput);
}

TEST_F(MediaServiceTest, RefusesAPngClaimingFiftyThousandSquaredPixels) {
    std::string bomb = png_claiming(50000, 50000);
    ASSERT_LT(bomb.size(), 100u);
    expect_refused(input(bomb, "bomb.png"), core::Errc::PayloadTooLarge);
}

TEST_F(MediaServiceTest, RefusesEmptyFilesAndUnknownSites) {
    expect_refused(input(""), core::Errc::InvalidInput);
    std::string photo = make_image(40, 40, ".jpg");
    UploadInput unknown_site = input(photo);
    unknown_site.site_id = 999;
    auto media = service_->upload(unknown_site);
    ASSERT_FALSE(media.has_value());
    EXPECT_EQ(media.error().code, core::Errc::NotFound);
    EXPECT_EQ(media.error().field, "site_id");
    EXPECT_EQ(count_files(media_dir_), 0u);
}

TEST_F(MediaServiceTest, RefusesBadCaptionsAltTextsAndCreditsNamingTheField) {
    std::string photo = make_image(40, 40, ".jpg");
    struct Case {
        std::string caption, alt, credit, field;
    };
    const Case cases[] = {
        {std::string(1001, 'c'), "", "", "caption"},
        {"", std::string(501, 'a'), "", "alt"},
        {"", "", std::string(201, 'r'), "credit"},
        {"\xC3\x28", "", "", "caption"},
        {"", "\xFF", "", "alt"},
        {"", "", "Lê\x01Thơ", "credit"},
        {"", "dòng một\ndòng hai", "", "alt"},
    };
    for (const auto& c : cases) {
        UploadInput in = input(photo);
        in.caption = c.caption;
        in.alt = c.alt;
        in.credit = c.credit;
        expect_refused(in, core::Errc::InvalidInput, c.field);
    }
    // Limits count characters, not bytes: 1000 Vietnamese letters are 3000 bytes and fit.
    UploadInput in = input(photo);
    for (int i = 0; i < 1000; ++i) in.caption += "ộ";
    auto media = service_->upload(in);
    ASSERT_TRUE(media.has_value()) << media.error().detail;
    EXPECT_EQ(media->caption.size(), 3000u);
}

TEST_F(MediaServiceTest, FindsManyInTheOrderAsked) {
    auto first = service_->upload(input(make_image(30, 30, ".jpg")));
    auto second = service_->upload(input(make_image(31, 30, ".jpg")));
    ASSERT_TRUE(first && second);
    auto found = service_->find_many({second->id, 12345, first->id, second->id});
    ASSERT_TRUE(found.has_value());
    ASSERT_EQ(found->size(), 2u);
    EXPECT_EQ((*found)[0].id, second->id);
    EXPECT_EQ((*found)[1].id, first->id);
    EXPECT_TRUE(service_->find_many({})->empty());
    EXPECT_FALSE(service_->find(12345)->has_value());
}

TEST_F(MediaServiceTest, OpensOnlyVariantNamesOfRecordedPhotosNeverTheUpload) {
    auto media = service_->upload(input(make_image(64, 48, ".png"), "sơ đồ \"mới\".png"));
    ASSERT_TRUE(media.has_value());
    std::string name = media->sha256 + "-64.webp";
    auto file = service_->open_public_file(name);
    ASSERT_TRUE(file.has_value() && file->has_value());
    EXPECT_EQ((*file)->path, media_dir_ / media->sha256.substr(0, 2) / name);
    EXPECT_EQ((*file)->content_type, "image/webp");
    EXPECT_EQ((*file)->download_name, "sơ đồ \"mới\".webp");
    auto jpeg = service_->open_public_file(media->sha256 + "-64.jpg");
    ASSERT_TRUE(jpeg.has_value() && jpeg->has_value());
    EXPECT_EQ((*jpeg)->content_type, "image/jpeg");

    for (const std::string& bad : {media->sha256 + ".png", std::string{"../cong.db"}, std::string{"x.jpg"},
                                   media->sha256 + "-64.png", media->sha256 + "-640.jpg", media->sha256 + "-64.jpg/",
                                   "../" + media->sha256.substr(3) + "-64.jpg", std::string{}}) {
        auto refused = service_->open_public_file(bad);
        ASSERT_TRUE(refused.has_value()) << bad;
        EXPECT_FALSE(refused->has_value()) << bad;
    }
    // A variant-shaped file on disk that no photo recorded is not served either.
    std::string stray(64, 'a');
    std::filesystem::create_directories(media_dir_ / "aa");
    std::ofstream{media_dir_ / "aa" / (stray + "-64.jpg")} << "x";
    auto missing = service_->open_public_file(stray + "-64.jpg");
    ASSERT_TRUE(missing.has_value());
    EXPECT_FALSE(missing->has_value());
}

TEST_F(MediaServiceTest, RecordsEveryVariantAndStripsGpsFromEachFile) {
    std::string photo = testing::make_jpeg_with_gps(1800, 1200, 1);
    ASSERT_NE(photo.find(testing::GPS_MARKER), std::string::npos);
    auto media = service_->upload(input(photo, "IMG_0001.JPG"));
    ASSERT_TRUE(media.has_value()) << media.error().detail;
    auto variants = service_->variants(media->id);
    ASSERT_TRUE(variants.has_value());
    std::vector<std::string> names;
    for (const auto& v : *variants) {
        names.push_back(std::to_string(v.width) + "." + v.format);
        std::string bytes = read_file(media_dir_ / media->sha256.substr(0, 2) /
                                      (media->sha256 + "-" + std::to_string(v.width) + "." + v.format));
        EXPECT_EQ(static_cast<std::int64_t>(bytes.size()), v.bytes);
        EXPECT_EQ(bytes.find(testing::GPS_MARKER), std::string::npos) << names.back();
        EXPECT_EQ(bytes.find("Exif"), std::string::npos) << names.back();
    }
    EXPECT_EQ(names, (std::vector<std::string>{"1800.jpg", "1600.jpg", "1600.webp", "1024.jpg", "1024.webp",
                                               "640.jpg", "640.webp", "320.jpg", "320.webp"}));
}

TEST_F(MediaServiceTest, StoresTheUprightSizeOfATurnedPhoto) {
    auto media = service_->upload(input(testing::make_jpeg_with_gps(400, 300, 6), "dọc.jpg"));
    ASSERT_TRUE(media.has_value()) << media.error().detail;
    EXPECT_EQ(media->width, 300);
    EXPECT_EQ(media->height, 400);
    EXPECT_EQ(service_->url(*media), "/media/" + media->sha256 + "-300.jpg");
}

TEST_F(MediaServiceTest, SearchesTheLibraryFoldedNewestFirstAndByPage) {
    std::vector<std::int64_t> ids;
    std::vector<std::string> images;
    for (int i = 0; i < 5; ++i) images.push_back(make_image(40 + i, 30, ".jpg"));
    for (int i = 0; i < 5; ++i) {
        UploadInput in = input(images[std::size_t(i)], i == 4 ? "22 (3).jpg" : "IMG_" + std::to_string(i) + ".jpg");
        in.caption = i % 2 == 0 ? "Cánh đồng lúa xã Xuân Hòa" : "Hội nghị Ban Chấp hành";
        if (i == 1) in.credit = "Lê Thơ";
        auto media = service_->upload(in);
        ASSERT_TRUE(media.has_value()) << media.error().detail;
        ids.push_back(media->id);
    }
    auto all = service_->search_library({.site_id = site_ids_[0]});
    ASSERT_TRUE(all.has_value()) << all.error().detail;
    EXPECT_EQ(all->total, 5);
    ASSERT_EQ(all->items.size(), 5u);
    EXPECT_EQ(all->items.front().id, ids.back());  // newest first

    auto lua = service_->search_library({.site_id = site_ids_[0], .q = "lua XUAN hoa"});
    ASSERT_TRUE(lua.has_value());
    EXPECT_EQ(lua->total, 3);
    auto credit = service_->search_library({.site_id = site_ids_[0], .q = "Lê Thơ"});
    ASSERT_TRUE(credit.has_value());
    ASSERT_EQ(credit->total, 1);
    EXPECT_EQ(credit->items[0].id, ids[1]);
    auto by_name = service_->search_library({.site_id = site_ids_[0], .q = "22 (3)"});
    ASSERT_TRUE(by_name.has_value());
    ASSERT_EQ(by_name->total, 1);
    EXPECT_EQ(by_name->items[0].original_name, "22 (3).jpg");
    auto wildcard = service_->search_library({.site_id = site_ids_[0], .q = "%"});
    ASSERT_TRUE(wildcard.has_value());
    EXPECT_EQ(wildcard->total, 5);  // punctuation alone is no word: everything

    auto second = service_->search_library({.site_id = site_ids_[0], .page = 2, .per_page = 2});
    ASSERT_TRUE(second.has_value());
    EXPECT_EQ(second->total, 5);
    ASSERT_EQ(second->items.size(), 2u);
    EXPECT_EQ(second->items[0].id, ids[2]);
    auto other_site = service_->search_library({.site_id = site_ids_[1]});
    ASSERT_TRUE(other_site.has_value());
    EXPECT_EQ(other_site->total, 0);

    auto too_long = service_->search_library({.site_id = site_ids_[0], .q = std::string(201, 'a')});
    ASSERT_FALSE(too_long.has_value());
    EXPECT_EQ(too_long.error().field, "q");
}

TEST_F(MediaServiceTest, EditsCaptionAltAndCreditWithAnAuditEntry) {
    std::string photo = make_image(60, 40, ".jpg");
    auto media = service_->upload(input(photo));
    ASSERT_TRUE(media.has_value());
    auto actor = audit::Actor{std::nullopt, "bientap", "127.0.0.9"};
    auto updated = service_->update(site_ids_[0], media->id, {"Lúa chín vàng", "Cánh đồng", "Hồng Tăng"}, actor);
    ASSERT_TRUE(updated.has_value()) << updated.error().detail;
    EXPECT_EQ(updated->caption, "Lúa chín vàng");
    auto found = service_->search_library({.site_id = site_ids_[0], .q = "lua chin"});
    ASSERT_TRUE(found.has_value());
    EXPECT_EQ(found->total, 1);

    auto log = audit::list(*database_, {.object_type = "media"});
    ASSERT_TRUE(log.has_value());
    ASSERT_EQ(log->total, 2);
    EXPECT_EQ(log->entries[0].action, "media.update");
    EXPECT_EQ(log->entries[0].login, "bientap");
    EXPECT_EQ(log->entries[0].detail, "caption, alt, credit");
    EXPECT_EQ(log->entries[1].action, "media.upload");

    auto bad = service_->update(site_ids_[0], media->id, {"", std::string(501, 'a'), ""}, actor);
    ASSERT_FALSE(bad.has_value());
    EXPECT_EQ(bad.error().field, "alt");
    auto elsewhere = service_->update(site_ids_[1], media->id, {"x", "", ""}, actor);
    ASSERT_FALSE(elsewhere.has_value());
    EXPECT_EQ(elsewhere.error().code, core::Errc::NotFound);
    EXPECT_EQ((*service_->find(media->id))->caption, "Lúa chín vàng");
    EXPECT_EQ(audit::list(*database_, {.object_type = "media"})->total, 2);
}

TEST_F(MediaServiceTest, RebuildDerivesVariantsOfPhotosUploadedBeforeThePipeline) {
    // A photo as the first version stored it: the upload under its hash, a row without variants.
    std::string photo = testing::make_jpeg_with_gps(700, 500, 6);
    model::Media old;
    old.site_id = site_ids_[0];
    old.sha256 = sha256_of(photo);
    old.extension = "jpg";
    old.content_type = "image/jpeg";
    old.original_name = "Lúa.jpg";
    old.caption = "Lúa";
    old.width = 700;
    old.height = 500;
    old.bytes = static_cast<std::int64_t>(photo.size());
    old.created_at = core::now();
    auto id = database_->write([&](storage::Tx& tx) { return tx.media().insert_media(old); });
    ASSERT_TRUE(id.has_value()) << id.error().detail;
    std::filesystem::create_directories(media_dir_ / old.sha256.substr(0, 2));
    std::ofstream{media_dir_ / old.sha256.substr(0, 2) / (old.sha256 + ".jpg"), std::ios::binary} << photo;
    // And one whose file is gone: counted as failed, the rest still rebuilt.
    old.sha256 = std::string(64, 'b');
    ASSERT_TRUE(database_->write([&](storage::Tx& tx) { return tx.media().insert_media(old); }));
    EXPECT_EQ(*service_->count_without_variants(), 1);

    int calls = 0;
    auto summary = service_->rebuild_variants([&](int, std::int64_t) { ++calls; });
    ASSERT_TRUE(summary.has_value()) << summary.error().detail;
    EXPECT_EQ(summary->rebuilt, 1);
    EXPECT_EQ(summary->failed, 1);
    EXPECT_EQ(calls, 2);
    auto rebuilt = service_->find(*id);
    ASSERT_TRUE(rebuilt.has_value() && rebuilt->has_value());
    EXPECT_EQ((*rebuilt)->width, 500);  // upright now
    EXPECT_EQ((*rebuilt)->height, 700);
    EXPECT_EQ((*rebuilt)->pipeline_version, PIPELINE_VERSION);
    EXPECT_EQ(service_->variants(*id)->size(), 4u);  // 320 and 500, JPEG and WebP
    auto served = service_->open_public_file(sha256_of(photo) + "-500.jpg");
    ASSERT_TRUE(served.has_value() && served->has_value());
    EXPECT_EQ(read_file((*served)->path).find(testing::GPS_MARKER), std::string::npos);
    EXPECT_EQ(service_->search_library({.site_id = site_ids_[0], .q = "lua"})->total, 2);

    // Uploading the same bytes again now returns the rebuilt record.
    auto again = service_->upload(input(photo));
    ASSERT_TRUE(again.has_value());
    EXPECT_EQ(again->id, *id);
}

}  // namespace
}  // namespace cong::media
