// The seed page, end to end: publish an article shaped like it through the API and check every element.
#include "cong_process.hpp"

#include <gtest/gtest.h>

#include <regex>

using cong::testing::CongProcess;

namespace {

std::string json_string_field(const std::string& json, const std::string& name) {
    std::smatch match;
    if (std::regex_search(json, match, std::regex("\"" + name + "\":\"([^\"]*)\""))) return match[1];
    return {};
}

std::string json_number_field(const std::string& json, const std::string& name) {
    std::smatch match;
    if (std::regex_search(json, match, std::regex("\"" + name + "\":([0-9]+)"))) return match[1];
    return {};
}

struct Photo {
    std::string file;
    std::string caption;
};

const std::vector<Photo> SEED_PHOTOS = {
    {"22 (3).jpg", "( Toàn cảnh hội nghị)"},
    {"17 (10).jpg", "( Đại biểu dự hội nghị)"},
    {"16 (9).jpg", "(Đồng chí Phó Bí thư Thường trực Huyện ủy báo cáo tại hội nghị)"},
    {"5 (13).jpg", "( Đại biểu dự hội nghị)"},
    {"23 (4).jpg", ""},
    {"8 (16).jpg", "( Đại biểu thảo luận tại hội nghị)"},
    {"2121212.jpg", "(Đồng chí Bí thư Huyện ủy phát biểu kết luận hội nghị)"},
    {"12 (13).jpg", "( Đại biểu dự hội nghị)"},
};

const std::string TITLE =
    "Ban Thường vụ Huyện ủy Thọ Xuân: Hội nghị Ban Chấp hành Đảng bộ huyện lần thứ 26, nhiệm kỳ 2020-2025";
const std::string LEAD =
    "Sáng 03/4/2024, BCH Đảng bộ huyện Thọ Xuân khoá XXVII tổ chức hội nghị lần thứ 26 để thảo luận, đánh giá "
    "tình hình, kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội quý I, triển khai nhiệm vụ trọng tâm quý II "
    "năm 2024.";
const std::string SUMMARY =
    "có 03/38 chỉ tiêu hoàn thành và hoàn thành vượt kế hoạch; 08/38 chỉ tiêu đạt trên 25%KH; 05/38 chỉ tiêu dưới "
    "25% KH; còn 22/38 chỉ tiêu chưa đánh giá";

}  // namespace

TEST(SeedArticle, EveryElementOfTheSeedPageIsOnThePublishedArticle) {
    CongProcess cong;
    cong.init();
    cong.start();

    auto category = cong.api("POST", "/api/v1/categories", R"({"name": "Chiến lược - Định Hướng - Quy hoạch"})");
    ASSERT_EQ(category.status, 201) << category.body;
    EXPECT_EQ(json_string_field(category.body, "slug"), "chien-luoc-dinh-huong-quy-hoach");

    std::vector<std::pair<std::string, std::string>> uploaded;  // media id, url
    std::vector<std::string> photo_bytes;
    for (std::size_t i = 0; i < SEED_PHOTOS.size(); ++i) {
        photo_bytes.push_back(cong::testing::make_jpeg(640, 427, unsigned(i + 1)));
        auto [type, body] = cong::testing::multipart_body(SEED_PHOTOS[i].file, photo_bytes.back(),
                                                          {{"caption", SEED_PHOTOS[i].caption}, {"alt", "Ảnh hội nghị"}});
        auto media = cong.request("POST", "/api/v1/media",
                                  {{"Authorization", "Bearer " + cong.token()}, {"Content-Type", type}}, body);
        ASSERT_EQ(media.status, 201) << media.body;
        EXPECT_EQ(json_string_field(media.body, "original_name"), SEED_PHOTOS[i].file);
        EXPECT_EQ(json_number_field(media.body, "width"), "640");
        EXPECT_EQ(json_number_field(media.body, "height"), "427");
        uploaded.emplace_back(json_number_field(media.body, "id"), json_string_field(media.body, "url"));
        // Stored by content, never under the uploaded name; served as Cổng's own full-size JPEG.
        EXPECT_TRUE(std::regex_match(uploaded.back().second, std::regex("/media/[0-9a-f]{64}-640\\.jpg")))
            << uploaded.back().second;
    }

    std::string content = R"({"type":"paragraph","content":[{"type":"text","text":"Các đồng chí: Ủy viên Ban Chấp hành Đảng bộ tỉnh, Bí thư Huyện ủy, Chủ tịch HĐND huyện chủ trì hội nghị."}]})";
    for (std::size_t i = 0; i < uploaded.size(); ++i) {
        content += R"(,{"type":"figure","attrs":{"media":)" + uploaded[i].first + R"(},"content":[)";
        if (!SEED_PHOTOS[i].caption.empty())
            content += R"({"type":"text","text":")" + SEED_PHOTOS[i].caption + R"("})";
        content += "]}";
        if (i == 2)
            content += R"(,{"type":"paragraph","content":[{"type":"text","text":"Theo báo cáo, )" + SUMMARY + R"(."}]})";
    }
    std::string article_json = R"({"title":")" + TITLE + R"(","lead":")" + LEAD +
                               R"(","category":"chien-luoc-dinh-huong-quy-hoach","byline":"Lê Thơ-Hồng Tăng",)"
                               R"("source":"Trung tâm VHTT, TT&DL huyện","status":"published",)"
                               R"("published_at":"2024-04-03T09:15:00+07:00","cover_media":)" +
                               uploaded[0].first + R"(,"body":{"type":"doc","content":[)" + content + "]}}";
    auto created = cong.api("POST", "/api/v1/articles", article_json);
    ASSERT_EQ(created.status, 201) << created.body;
    std::string url = json_string_field(created.body, "url");
    EXPECT_EQ(url, "/bai-viet/ban-thuong-vu-huyen-uy-tho-xuan-hoi-nghi-ban-chap-hanh-dang-bo-huyen-lan-thu-26");
    EXPECT_EQ(json_string_field(created.body, "published_at"), "2024-04-03T02:15:00Z");

    auto page = cong.request("GET", url);
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_NE(page.header("content-type").find("text/html"), std::string::npos);
    const std::string& html = page.body;
    EXPECT_NE(html.find("lang=\"vi\""), std::string::npos);
    EXPECT_NE(html.find("Cổng thông tin điện tử"), std::string::npos) << "site name";
    EXPECT_TRUE(std::regex_search(html, std::regex("(Thứ (Hai|Ba|Tư|Năm|Sáu|Bảy)|Chủ Nhật), [0-9]{2}/[0-9]{2}/20[0-9]{2}")))
        << "today's date in Vietnamese";
    EXPECT_NE(html.find("Chiến lược - Định Hướng - Quy hoạch"), std::string::npos) << "category";
    EXPECT_NE(html.find("href=\"/chuyen-muc/chien-luoc-dinh-huong-quy-hoach\""), std::string::npos);
    EXPECT_NE(html.find(TITLE), std::string::npos) << "title";
    EXPECT_NE(html.find("Đăng lúc: 03/04/2024 (GMT+7)"), std::string::npos) << "publication stamp";
    EXPECT_NE(html.find("100%"), std::string::npos) << "text-size control";
    EXPECT_NE(html.find(LEAD), std::string::npos) << "lead";
    EXPECT_NE(html.find(SUMMARY), std::string::npos) << "body";
    for (std::size_t i = 0; i < uploaded.size(); ++i) {
        EXPECT_NE(html.find(uploaded[i].second), std::string::npos) << "photo " << SEED_PHOTOS[i].file;
        if (!SEED_PHOTOS[i].caption.empty()) {
            EXPECT_NE(html.find("<figcaption>" + SEED_PHOTOS[i].caption), std::string::npos)
                << "caption under " << SEED_PHOTOS[i].file;
        }
    }
    EXPECT_NE(html.find("Lê Thơ-Hồng Tăng, Trung tâm VHTT, TT&amp;DL huyện"), std::string::npos) << "byline";

    // The photo is served as Cổng re-encoded it (never the uploaded bytes, which may carry GPS), with its
    // type, cacheable for a year.
    auto photo = cong.request("GET", uploaded[0].second);
    ASSERT_EQ(photo.status, 200);
    EXPECT_EQ(photo.header("content-type"), "image/jpeg");
    EXPECT_EQ(photo.body.substr(0, 3), "\xFF\xD8\xFF");
    EXPECT_NE(photo.body, photo_bytes[0]);
    EXPECT_NE(photo.header("cache-control").find("max-age=31536000"), std::string::npos);

    // The category page lists it; the home page shows it.
    auto listing = cong.request("GET", "/chuyen-muc/chien-luoc-dinh-huong-quy-hoach");
    ASSERT_EQ(listing.status, 200);
    EXPECT_NE(listing.body.find(url), std::string::npos);
    auto home = cong.request("GET", "/");
    ASSERT_EQ(home.status, 200);
    EXPECT_NE(home.body.find(url), std::string::npos);
}
