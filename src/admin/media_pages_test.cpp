// The media pages of the back office, driven through their routes with a stand-in shell (the session,
// CSRF and role checks are the shell's and tested with it).
#include "admin/media_pages.hpp"
#include "storage/sqlite/sqlite_test_support.hpp"

#include "admin/test_shell.hpp"
#include "audit/audit_log.hpp"
#include "content/site_service.hpp"
#include "media/test_images.hpp"
#include "storage/sqlite/sqlite_database.hpp"

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include <unistd.h>
#include <filesystem>

using namespace cong;
namespace fs = std::filesystem;

namespace {

const std::string BOUNDARY = "----cong-test-boundary";

std::string multipart(const std::string& file_name, const std::string& data, const std::string& caption = {}) {
    std::string body = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\ncsrf-token\r\n";
    if (!caption.empty())
        body += "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"caption\"\r\n\r\n" + caption + "\r\n";
    body += "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + file_name +
            "\"\r\nContent-Type: image/jpeg\r\n\r\n" + data + "\r\n--" + BOUNDARY + "--\r\n";
    return body;
}

class MediaPagesTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("cong-admin-media-" + std::to_string(::getpid()) + "-" +
                                            ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        core::StorageConfig config;
        config.data_dir = dir_.string();
        db_ = storage::test_support::open_test_database(config).value();
        site_id_ = content::ensure_default_site(*db_).value();
        model::User u;
        u.login = "bientap";
        u.password_hash = "unused";
        u.role = model::Role::Editor;
        u.id = db_->write([&](storage::Tx& tx) { return tx.users().insert_user(u); }).value();
        shell_.context = {u, "csrf-token", "192.0.2.10"};
        media_ = std::make_unique<media::MediaService>(*db_, (dir_ / "media").string(), core::MediaConfig{});
        admin::add_media_admin_routes(router_, shell_, *media_, {.site_id = site_id_});
    }
    void TearDown() override {
        media_.reset();
        db_.reset();
        fs::remove_all(dir_);
    }

    http::Response send(http::Method method, const std::string& target, std::string body = {},
                        std::vector<http::Header> headers = {}) {
        return admin::testing::dispatch(router_, method, target, std::move(body), std::move(headers));
    }
    http::Response upload(const std::string& file_name, const std::string& data, const std::string& caption = {},
                          const std::string& accept = "application/json") {
        return send(http::Method::Post, "/quan-tri/thu-vien-anh/tai-len", multipart(file_name, data, caption),
                    {{"Content-Type", "multipart/form-data; boundary=" + BOUNDARY}, {"Accept", accept}});
    }
    static bool contains(const std::string& text, const std::string& part) {
        return text.find(part) != std::string::npos;
    }

    fs::path dir_;
    std::unique_ptr<storage::Database> db_;
    std::int64_t site_id_ = 0;
    admin::testing::TestShell shell_;
    http::Router router_;
    std::unique_ptr<media::MediaService> media_;
};

TEST_F(MediaPagesTest, UploadAnswersTheEditorContractInJson) {
    auto response = upload("22 (3).jpg", media::testing::make_image(800, 600, ".jpg"), "( Toàn cảnh hội nghị)");
    ASSERT_EQ(response.status, 201) << response.body;
    auto json = boost::json::parse(response.body).as_object();
    for (auto key : {"id", "url", "width", "height", "caption", "alt", "srcset"})
        EXPECT_TRUE(json.contains(key)) << key;
    EXPECT_EQ(json.at("width").as_int64(), 800);
    EXPECT_EQ(json.at("height").as_int64(), 600);
    EXPECT_EQ(json.at("caption").as_string(), "( Toàn cảnh hội nghị)");
    EXPECT_TRUE(contains(std::string(json.at("url").as_string()), "-800.jpg"));
    EXPECT_TRUE(contains(std::string(json.at("srcset").as_string()), "-320.jpg 320w"));
    auto log = audit::list(*db_, {.action_prefix = "media."});
    ASSERT_TRUE(log.has_value());
    ASSERT_EQ(log->total, 1);
    EXPECT_EQ(log->entries[0].action, "media.upload");
    EXPECT_EQ(log->entries[0].login, "bientap");
    EXPECT_EQ(log->entries[0].ip, "192.0.2.10");
}

TEST_F(MediaPagesTest, UploadRefusesNonImagesWithAVietnameseJsonError) {
    std::string zip{"PK\x03\x04\x14\x00\x00\x00\x08\x00", 10};
    zip += std::string(100, 'z');
    auto response = upload("anh.jpg", zip);
    EXPECT_EQ(response.status, 415);
    auto error = boost::json::parse(response.body).at("error").as_object();
    EXPECT_EQ(error.at("code").as_string(), "unsupported_media_type");
    EXPECT_EQ(error.at("message").as_string(), "Tệp tải lên không phải là ảnh JPEG, PNG, WebP hoặc GIF");
    EXPECT_EQ(error.at("field").as_string(), "file");

    auto no_file = send(http::Method::Post, "/quan-tri/thu-vien-anh/tai-len", "csrf=csrf-token");
    EXPECT_EQ(no_file.status, 400);
    EXPECT_TRUE(contains(no_file.body, "multipart"));
}

TEST_F(MediaPagesTest, APlainFormUploadGoesOnToThePhotoPage) {
    auto response =
        upload("lúa.jpg", media::testing::make_image(300, 200, ".jpg"), "", "text/html,application/xhtml+xml");
    ASSERT_EQ(response.status, 303) << response.body;
    std::string location;
    for (const auto& header : response.headers)
        if (header.name == "Location") location = header.value;
    EXPECT_TRUE(location.starts_with("/quan-tri/thu-vien-anh/")) << location;
}

TEST_F(MediaPagesTest, LibraryGridSearchesFoldedAndEscapesNames) {
    ASSERT_EQ(upload("Lúa %22mới%22 <b>.jpg", media::testing::make_image(400, 300, ".jpg"), "Cánh đồng lúa").status,
              201);
    ASSERT_EQ(upload("22 (3).jpg", media::testing::make_image(401, 300, ".jpg"), "Hội nghị").status, 201);
    auto all = send(http::Method::Get, "/quan-tri/thu-vien-anh");
    ASSERT_EQ(all.status, 200);
    EXPECT_TRUE(contains(all.body, "Thư viện có 2 ảnh"));
    EXPECT_TRUE(contains(all.body, "Lúa &quot;mới&quot; &lt;b&gt;.jpg"));
    EXPECT_FALSE(contains(all.body, "<b>.jpg"));
    EXPECT_TRUE(contains(all.body, "width=\"400\" height=\"300\""));
    EXPECT_TRUE(contains(all.body, "<label for=\"q\">"));
    EXPECT_TRUE(contains(all.body, "name=\"csrf\" value=\"csrf-token\""));

    auto lua = send(http::Method::Get, "/quan-tri/thu-vien-anh?q=lua");
    EXPECT_TRUE(contains(lua.body, "Có 1 ảnh khớp"));
    EXPECT_TRUE(contains(lua.body, "Cánh đồng lúa"));
    EXPECT_FALSE(contains(lua.body, "Hội nghị"));
    EXPECT_TRUE(contains(send(http::Method::Get, "/quan-tri/thu-vien-anh?q=22+(3)").body, "22 (3).jpg"));

    auto json = send(http::Method::Get, "/quan-tri/thu-vien-anh.json?q=hoi+nghi&page=1");
    ASSERT_EQ(json.status, 200);
    auto parsed = boost::json::parse(json.body).as_object();
    EXPECT_EQ(parsed.at("total").as_int64(), 1);
    auto first = parsed.at("results").as_array().at(0).as_object();
    EXPECT_EQ(first.at("original_name").as_string(), "22 (3).jpg");
    EXPECT_TRUE(contains(std::string(first.at("url").as_string()), "-320.jpg"));
    EXPECT_EQ(send(http::Method::Get, "/quan-tri/thu-vien-anh.json?page=x").status, 400);
}

TEST_F(MediaPagesTest, EditFormSavesCaptionAltCreditAndShowsVariants) {
    auto uploaded = upload("anh.jpg", media::testing::make_image(700, 500, ".jpg"));
    ASSERT_EQ(uploaded.status, 201);
    auto id = boost::json::parse(uploaded.body).at("id").as_int64();
    std::string path = "/quan-tri/thu-vien-anh/" + std::to_string(id);

    auto page = send(http::Method::Get, path);
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, "<label for=\"caption\">Chú thích</label>"));
    EXPECT_TRUE(contains(page.body, "700×500"));
    EXPECT_TRUE(contains(page.body, "320×229"));
    EXPECT_TRUE(contains(page.body, "Chưa bài viết nào dùng ảnh này."));

    auto saved = send(
        http::Method::Post, path,
        "csrf=csrf-token&caption=L%C3%BAa+ch%C3%ADn&alt=C%C3%A1nh+%C4%91%E1%BB%93ng&credit=H%E1%BB%93ng+T%C4%83ng");
    ASSERT_EQ(saved.status, 303);
    auto after = send(http::Method::Get, path + "?da-luu=1");
    EXPECT_TRUE(contains(after.body, "Đã lưu chú thích ảnh."));
    EXPECT_TRUE(contains(after.body, "Lúa chín"));
    EXPECT_EQ((*media_->find(id).value()).credit, "Hồng Tăng");
    auto log = audit::list(*db_, {.action_prefix = "media.update"});
    ASSERT_EQ(log->total, 1);

    auto refused =
        send(http::Method::Post, path, "csrf=csrf-token&caption=x&alt=" + std::string(501, 'a') + "&credit=");
    EXPECT_EQ(refused.status, 400);
    EXPECT_TRUE(contains(refused.body, "aria-invalid=\"true\""));
    EXPECT_EQ((*media_->find(id).value()).caption, "Lúa chín");

    EXPECT_EQ(send(http::Method::Get, "/quan-tri/thu-vien-anh/999").status, 404);
    EXPECT_EQ(send(http::Method::Get, "/quan-tri/thu-vien-anh/abc").status, 404);
}

TEST_F(MediaPagesTest, AddsTheMenuEntryForEveryRole) {
    ASSERT_EQ(shell_.menu.size(), 1u);
    EXPECT_EQ(shell_.menu[0].label, "Thư viện ảnh");
    EXPECT_EQ(shell_.menu[0].href, "/quan-tri/thu-vien-anh");
    EXPECT_TRUE(shell_.menu[0].roles.empty());
}

}  // namespace
