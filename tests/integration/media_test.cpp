// The media pipeline against the real server: an editor signs in and uploads through the back office; every
// file Cổng then serves is re-encoded — no EXIF, no GPS, upright — and every bad upload is refused with a
// Vietnamese message while what was stored before keeps being served unchanged.
#include "cong_process.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <vips/vips.h>

#include <chrono>
#include <filesystem>
#include <regex>
#include <set>

using cong::testing::CongProcess;
using cong::testing::field;
using cong::testing::form_encode;
using cong::testing::csrf_of;
using cong::testing::HttpResult;

namespace {

constexpr std::string_view GPS_MARKER = "CONG-GPS-MARKER WGS-84";

void put_le16(std::string& out, unsigned value) {
    out += static_cast<char>(value & 0xFF);
    out += static_cast<char>((value >> 8) & 0xFF);
}
void put_le32(std::string& out, unsigned value) {
    for (int shift = 0; shift < 32; shift += 8) out += static_cast<char>((value >> shift) & 0xFF);
}
void put_entry(std::string& out, unsigned tag, unsigned type, unsigned count, unsigned value) {
    put_le16(out, tag);
    put_le16(out, type);
    put_le32(out, count);
    put_le32(out, value);
}

// A camera-like JPEG of width×height (as stored) whose EXIF names an orientation and a GPS position, with
// GPS_MARKER as its map datum. Built with libvips: the EXIF block is set as the image's exif-data.
std::string jpeg_with_gps(int width, int height, int orientation) {
    std::string datum{GPS_MARKER};
    datum += '\0';
    std::string tiff = "II";
    put_le16(tiff, 42);
    put_le32(tiff, 8);
    put_le16(tiff, 2);
    put_entry(tiff, 0x0112, 3, 1, unsigned(orientation));
    put_entry(tiff, 0x8825, 4, 1, 38);
    put_le32(tiff, 0);
    put_le16(tiff, 5);
    put_entry(tiff, 0x0001, 2, 2, 'N');
    put_entry(tiff, 0x0002, 5, 3, 104);
    put_entry(tiff, 0x0003, 2, 2, 'E');
    put_entry(tiff, 0x0004, 5, 3, 128);
    put_entry(tiff, 0x0012, 2, unsigned(datum.size()), 152);
    put_le32(tiff, 0);
    for (unsigned value : {21u, 1u, 30u, 1u, 0u, 1u, 105u, 1u, 45u, 1u, 0u, 1u}) put_le32(tiff, value);
    tiff += datum;
    std::string exif = std::string("Exif\0\0", 6) + tiff;

    std::string plain = cong::testing::make_jpeg(width, height, 7);
    VipsImage* loaded = vips_image_new_from_buffer(plain.data(), plain.size(), "", nullptr);
    VipsImage* copy = nullptr;
    vips_copy(loaded, &copy, nullptr);
    vips_image_set_blob_copy(copy, "exif-data", exif.data(), exif.size());
    vips_image_set_int(copy, "orientation", orientation);
    void* buffer = nullptr;
    size_t length = 0;
    vips_jpegsave_buffer(copy, &buffer, &length, "Q", 90, nullptr);
    std::string out(static_cast<char*>(buffer), length);
    g_free(buffer);
    g_object_unref(copy);
    g_object_unref(loaded);
    return out;
}

struct Decoded {
    bool ok = false;
    int width = 0;
    int height = 0;
    bool exif = false;
    bool gps = false;
};

Decoded decode(const std::string& bytes) {
    Decoded out;
    VipsImage* image = vips_image_new_from_buffer(bytes.data(), bytes.size(), "", nullptr);
    if (image == nullptr) {
        vips_error_clear();
        return out;
    }
    out.ok = true;
    out.width = vips_image_get_width(image);
    out.height = vips_image_get_height(image);
    out.exif = vips_image_get_typeof(image, "exif-data") != 0;
    out.gps = vips_image_get_typeof(image, "exif-ifd3-GPSLatitude") != 0;
    g_object_unref(image);
    return out;
}

class Media : public ::testing::Test {
protected:
    void SetUp() override {
        cong_.init();
        auto added = cong_.run({"user", "add", "--login", "bientap", "--role", "editor", "--password-stdin"},
                               "mat-khau-bientap-2024\n");
        ASSERT_EQ(added.exit_code, 0) << added.err;
        cong_.start();
        cookie_ = cong_.sign_in("bientap", "mat-khau-bientap-2024");
        auto library = get("/quan-tri/thu-vien-anh");
        ASSERT_EQ(library.status, 200) << library.body;
        csrf_ = csrf_of(library.body);
        ASSERT_FALSE(csrf_.empty());
    }

    HttpResult get(const std::string& target) { return cong_.request("GET", target, {{"Cookie", cookie_}}); }

    HttpResult upload(const std::string& file_name, const std::string& bytes,
                      const std::map<std::string, std::string>& fields = {}) {
        auto [content_type, body] = cong::testing::multipart_body(file_name, bytes, fields);
        return cong_.request("POST", "/quan-tri/thu-vien-anh/tai-len",
                             {{"Cookie", cookie_},
                              {"X-CSRF-Token", csrf_},
                              {"Content-Type", content_type},
                              {"Accept", "application/json"}},
                             body);
    }

    // Every variant file the photo's admin page lists ("/media/<sha>-<w>.<jpg|webp>").
    std::set<std::string> variant_urls(const std::string& id) {
        auto page = get("/quan-tri/thu-vien-anh/" + id);
        EXPECT_EQ(page.status, 200);
        std::set<std::string> urls;
        std::regex pattern(R"rx(href="(/media/[0-9a-f]{64}-[0-9]+\.(jpg|webp))")rx");
        for (auto it = std::sregex_iterator(page.body.begin(), page.body.end(), pattern); it != std::sregex_iterator();
             ++it)
            urls.insert((*it)[1].str());
        return urls;
    }

    // The first photo stays served, byte for byte, whatever was refused after it.
    void expect_first_photo_intact() {
        ASSERT_FALSE(first_url_.empty());
        auto served = cong_.request("GET", first_url_);
        EXPECT_EQ(served.status, 200);
        EXPECT_EQ(served.body, first_bytes_);
    }

    void upload_first_photo() {
        auto response = upload("22 (3).jpg", cong::testing::make_jpeg(900, 600, 3), {{"caption", "Cánh đồng lúa"}});
        ASSERT_EQ(response.status, 201) << response.body;
        first_url_ = field(response.body, "url");
        auto served = cong_.request("GET", first_url_);
        ASSERT_EQ(served.status, 200);
        first_bytes_ = served.body;
    }

    void expect_refused_json(const HttpResult& response, int status, const std::string& message) {
        EXPECT_EQ(response.status, status) << response.body;
        EXPECT_TRUE(response.header("content-type").starts_with("application/json")) << response.body;
        EXPECT_NE(response.body.find("\"message\":\"" + message), std::string::npos) << response.body;
        EXPECT_NE(response.body.find("\"field\":\"file\""), std::string::npos) << response.body;
    }

    CongProcess cong_;
    std::string cookie_, csrf_;
    std::string first_url_, first_bytes_;
};

TEST_F(Media, GpsAndExifAreGoneFromEveryServedFile) {
    std::string photo = jpeg_with_gps(1800, 1200, 1);
    auto original = decode(photo);
    ASSERT_TRUE(original.ok && original.exif && original.gps) << "the test photo must carry GPS";
    ASSERT_NE(photo.find(GPS_MARKER), std::string::npos);

    auto response = upload("IMG_2024.JPG", photo, {{"caption", "Hội nghị Ban Chấp hành"}});
    ASSERT_EQ(response.status, 201) << response.body;
    auto id = field(response.body, "id");
    auto urls = variant_urls(id);
    // 320, 640, 1024, 1600 in JPEG and WebP, and the full-size 1800 JPEG.
    ASSERT_EQ(urls.size(), 9u);
    for (const auto& url : urls) {
        SCOPED_TRACE(url);
        auto served = cong_.request("GET", url);
        ASSERT_EQ(served.status, 200);
        EXPECT_EQ(served.header("content-type"), url.ends_with(".webp") ? "image/webp" : "image/jpeg");
        EXPECT_EQ(served.header("x-content-type-options"), "nosniff");
        EXPECT_EQ(served.header("cache-control"), "public, max-age=31536000, immutable");
        EXPECT_TRUE(served.header("content-disposition").starts_with("inline; filename=\"img_2024."));
        EXPECT_EQ(served.body.find("GPS"), std::string::npos);
        EXPECT_EQ(served.body.find(GPS_MARKER), std::string::npos);
        EXPECT_EQ(served.body.find("Exif"), std::string::npos);
        auto decoded = decode(served.body);
        ASSERT_TRUE(decoded.ok);
        EXPECT_FALSE(decoded.exif);
        EXPECT_FALSE(decoded.gps);
    }
    // The upload itself is kept on disk for later rebuilds, but no URL reaches it.
    auto sha = urls.begin()->substr(7, 64);
    EXPECT_TRUE(std::filesystem::exists(cong_.data_dir() + "/media/" + sha.substr(0, 2) + "/" + sha + ".jpg"));
    EXPECT_EQ(cong_.request("GET", "/media/" + sha + ".jpg").status, 404);
    EXPECT_EQ(cong_.request("GET", "/media/" + sha + "-1800.png").status, 404);
    EXPECT_EQ(cong_.request("GET", "/media/" + sha + "-2000.jpg").status, 404);
}

TEST_F(Media, APhotoTakenSidewaysIsServedUpright) {
    auto response = upload("doc.jpg", jpeg_with_gps(400, 300, 6));
    ASSERT_EQ(response.status, 201) << response.body;
    EXPECT_EQ(field(response.body, "width"), "300");
    EXPECT_EQ(field(response.body, "height"), "400");
    auto served = cong_.request("GET", field(response.body, "url"));
    ASSERT_EQ(served.status, 200);
    auto decoded = decode(served.body);
    EXPECT_EQ(decoded.width, 300);
    EXPECT_EQ(decoded.height, 400);
}

TEST_F(Media, A200MegabyteUploadIsRefusedBeforeItIsRead) {
    upload_first_photo();
    auto started = std::chrono::steady_clock::now();
    std::string reply = cong_.raw(
        "POST /quan-tri/thu-vien-anh/tai-len HTTP/1.1\r\nHost: x\r\nCookie: " + cookie_ + "\r\nX-CSRF-Token: " + csrf_ +
            "\r\nContent-Type: multipart/form-data; boundary=abc\r\nContent-Length: 209715200\r\n\r\n" +
            std::string(64 * 1024, 'x'),
        std::chrono::seconds(5));
    EXPECT_EQ(reply.substr(0, 12), "HTTP/1.1 413") << reply.substr(0, 300);
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(4));

    // Without a session the same upload is refused before its body, whatever its size.
    started = std::chrono::steady_clock::now();
    reply = cong_.raw(
        "POST /quan-tri/thu-vien-anh/tai-len HTTP/1.1\r\nHost: x\r\n"
        "Content-Type: multipart/form-data; boundary=abc\r\nContent-Length: 20000000\r\n\r\n",
        std::chrono::seconds(5));
    EXPECT_EQ(reply.substr(0, 12), "HTTP/1.1 401") << reply.substr(0, 300);
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(4));
    expect_first_photo_intact();
}

TEST_F(Media, AZipRenamedJpgIsRefusedInVietnamese) {
    upload_first_photo();
    std::string zip("PK\x03\x04\x14\x00\x00\x00\x08\x00", 10);
    zip += std::string(2000, 'z');
    expect_refused_json(upload("anh.jpg", zip), 415, "Tệp tải lên không phải là ảnh JPEG, PNG, WebP hoặc GIF");
    expect_first_photo_intact();
}

TEST_F(Media, APngBombIsRefusedFromItsHeader) {
    upload_first_photo();
    // A real PNG signature and IHDR claiming 100000×100000 pixels (CRC computed by zlib's polynomial).
    auto crc = [](const std::string& bytes) {
        unsigned c = 0xFFFFFFFFu;
        for (unsigned char byte : bytes) {
            c ^= byte;
            for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
        }
        return ~c;
    };
    auto be32 = [](unsigned v) {
        return std::string{char(v >> 24), char((v >> 16) & 0xFF), char((v >> 8) & 0xFF), char(v & 0xFF)};
    };
    std::string ihdr = "IHDR" + be32(100000) + be32(100000) + std::string("\x08\x02\x00\x00\x00", 5);
    std::string idat =
        "IDAT" + std::string("\x78\x01\x01\x10\x00\xEF\xFF", 7) + std::string(16, '\0') + be32(0x00100001u);
    std::string png = "\x89PNG\r\n\x1a\n" + be32(13) + ihdr + be32(crc(ihdr)) + be32(unsigned(idat.size() - 4)) + idat +
                      be32(crc(idat)) + be32(0) + "IEND" + be32(crc("IEND"));
    auto started = std::chrono::steady_clock::now();
    auto response = upload("bom.png", png);
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(2));
    EXPECT_EQ(response.status, 413) << response.body;
    EXPECT_NE(response.body.find("Ảnh quá lớn"), std::string::npos) << response.body;
    expect_first_photo_intact();
}

TEST_F(Media, AnSvgWithScriptIsRefused) {
    upload_first_photo();
    expect_refused_json(upload("logo.jpg", R"(<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">)"
                                           R"(<script>alert(document.cookie)</script></svg>)"),
                        415, "Tệp tải lên không phải là ảnh");
    expect_first_photo_intact();
}

TEST_F(Media, HostileAndVietnameseFileNamesAreStoredSafelyAndShownEscaped) {
    upload_first_photo();
    struct Case {
        std::string sent, stored, ascii;
    };
    // Browsers send a quote in a file name as %22 (HTML standard); the stored name turns it back.
    const Case cases[] = {
        {"../../etc/passwd.jpg", "passwd.jpg", "passwd.webp"},
        {"a%22 onerror=alert(1) <b>x.jpg", "a\" onerror=alert(1) <b>x.jpg", "a_ onerror=alert(1) <b>x.webp"},
        {"Lúa chín 🌾.jpg", "Lúa chín 🌾.jpg", "lua chin _.webp"},
    };
    unsigned seed = 20;
    for (const auto& c : cases) {
        SCOPED_TRACE(c.sent);
        auto response = upload(c.sent, cong::testing::make_jpeg(200, 150, ++seed));
        ASSERT_EQ(response.status, 201) << response.body;
        auto id = field(response.body, "id");
        auto page = get("/quan-tri/thu-vien-anh/" + id);
        EXPECT_EQ(page.body.find("<b>x"), std::string::npos);
        EXPECT_EQ(page.body.find("a\" onerror"), std::string::npos);
        auto webp = cong_.request("GET", *variant_urls(id).rbegin());  // "…-200.webp" sorts last
        ASSERT_EQ(webp.status, 200);
        auto disposition = webp.header("content-disposition");
        EXPECT_TRUE(disposition.starts_with("inline; filename=\"" + c.ascii + "\"; filename*=UTF-8''")) << disposition;
        EXPECT_EQ(disposition.find('\r'), std::string::npos);
    }
    EXPECT_FALSE(std::filesystem::exists(cong_.data_dir() + "/etc"));
    auto library = get("/quan-tri/thu-vien-anh?q=lua+chin");
    EXPECT_NE(library.body.find("Lúa chín 🌾.jpg"), std::string::npos);
    auto escaped = get("/quan-tri/thu-vien-anh?q=onerror");
    EXPECT_NE(escaped.body.find("a&quot; onerror=alert(1) &lt;b&gt;x.jpg"), std::string::npos) << escaped.body;
    EXPECT_EQ(escaped.body.find("<b>x"), std::string::npos);
    auto by_name = get("/quan-tri/thu-vien-anh.json?q=22+(3)");
    EXPECT_EQ(field(by_name.body, "total"), "1") << by_name.body;
    EXPECT_NE(by_name.body.find("\"original_name\":\"22 (3).jpg\""), std::string::npos);
    expect_first_photo_intact();
}

TEST_F(Media, ArticlePagesOfferWebpAndJpegSizesWithTheirDimensions) {
    auto response = upload("hoi-nghi.jpg", cong::testing::make_jpeg(1200, 800, 5), {{"caption", "Toàn cảnh hội nghị"}});
    ASSERT_EQ(response.status, 201) << response.body;
    auto id = field(response.body, "id");
    auto article = cong_.api("POST", "/api/v1/categories", R"({"name": "Tin tức"})");
    ASSERT_EQ(article.status, 201) << article.body;
    auto created = cong_.api(
        "POST", "/api/v1/articles",
        R"({"title":"Hội nghị","category":"tin-tuc","status":"published","cover_media":)" + id +
            R"(,"body":{"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"Mở đầu."}]},)"
            R"({"type":"figure","attrs":{"media":)" +
            id + R"(},"content":[]}]}})");
    ASSERT_EQ(created.status, 201) << created.body;
    auto page = cong_.request("GET", field(created.body, "url"));
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("<picture><source type=\"image/webp\" srcset=\"/media/"), std::string::npos);
    EXPECT_NE(page.body.find("-1024.webp 1024w, /media/"), std::string::npos);
    EXPECT_NE(page.body.find("width=\"1200\" height=\"800\" alt=\"Toàn cảnh hội nghị\" loading=\"eager\""),
              std::string::npos);
    EXPECT_EQ(page.body.find("hoi-nghi.jpg"), std::string::npos);
    // The photo page lists the article that uses it.
    auto photo_page = get("/quan-tri/thu-vien-anh/" + id);
    EXPECT_NE(photo_page.body.find(">Hội nghị</a>"), std::string::npos);

    // The API searches and edits the library too.
    auto listed = cong_.api("GET", "/api/v1/media?q=toan+canh");
    EXPECT_EQ(field(listed.body, "total"), "1") << listed.body;
    auto edited = cong_.api("PUT", "/api/v1/media/" + id, R"({"credit":"Lê Thơ"})");
    ASSERT_EQ(edited.status, 200) << edited.body;
    EXPECT_EQ(field(edited.body, "credit"), "Lê Thơ");
    EXPECT_EQ(field(edited.body, "caption"), "Toàn cảnh hội nghị");
    auto bad = cong_.api("PUT", "/api/v1/media/" + id, R"({"alt":")" + std::string(600, 'a') + R"("})");
    EXPECT_EQ(bad.status, 400) << bad.body;
}

TEST_F(Media, RebuildDerivesTheFilesOfPhotosStoredBeforeThePipeline) {
    upload_first_photo();
    auto sha = first_url_.substr(7, 64);
    // Back to what the first version left: the upload, a row without variants, no served files.
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open((cong_.data_dir() + "/cong.db").c_str(), &db), SQLITE_OK);
    sqlite3_busy_timeout(db, 5000);
    ASSERT_EQ(sqlite3_exec(db, "UPDATE media SET pipeline_version = 0; DELETE FROM media_variants;", nullptr, nullptr,
                           nullptr),
              SQLITE_OK);
    sqlite3_close(db);
    for (const auto& entry : std::filesystem::directory_iterator(cong_.data_dir() + "/media/" + sha.substr(0, 2)))
        if (entry.path().filename().string().find('-') != std::string::npos) std::filesystem::remove(entry.path());
    EXPECT_EQ(cong_.request("GET", first_url_).status, 404);

    auto rebuilt = cong_.run({"media", "rebuild"});
    ASSERT_EQ(rebuilt.exit_code, 0) << rebuilt.err;
    EXPECT_NE(rebuilt.err.find("Variants derived for 1 photos; 0 failed."), std::string::npos) << rebuilt.err;
    auto served = cong_.request("GET", first_url_);
    EXPECT_EQ(served.status, 200);
    EXPECT_EQ(served.body, first_bytes_);
}

}  // namespace
