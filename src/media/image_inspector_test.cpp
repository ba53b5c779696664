#include "media/image_inspector.hpp"

#include "media/test_images.hpp"

#include <gtest/gtest.h>

#include <chrono>

namespace cong::media {
namespace {

using testing::make_image;
using testing::png_claiming;

constexpr std::uint64_t MAX_PIXELS = 100'000'000;

TEST(ImageInspector, AcceptsTheFourWebFormatsWithTheirSize) {
    struct Case {
        std::string extension;
        ImageFormat format;
    };
    for (const auto& c : {Case{".jpg", ImageFormat::Jpeg}, Case{".png", ImageFormat::Png}, Case{".webp", ImageFormat::Webp},
                          Case{".gif", ImageFormat::Gif}}) {
        auto info = inspect_image(make_image(120, 80, c.extension), MAX_PIXELS);
        ASSERT_TRUE(info.has_value()) << c.extension << ": " << info.error().detail;
        EXPECT_EQ(info->format, c.format) << c.extension;
        EXPECT_EQ(info->width, 120) << c.extension;
        EXPECT_EQ(info->height, 80) << c.extension;
    }
}

TEST(ImageInspector, RefusesTextSvgPdfTiffHeifAndAvif) {
    const std::string svg = R"(<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>)";
    const std::string pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
    for (const auto& data : {std::string{"Báo cáo quý I năm 2024\n"}, svg, pdf, make_image(32, 32, ".tif"),
                             make_image(32, 32, ".heic"), make_image(32, 32, ".avif")}) {
        auto info = inspect_image(data, MAX_PIXELS);
        ASSERT_FALSE(info.has_value()) << data.substr(0, 20);
        EXPECT_EQ(info.error().code, core::Errc::UnsupportedMediaType);
        EXPECT_EQ(info.error().detail, "Tệp tải lên không phải là ảnh JPEG, PNG, WebP hoặc GIF");
        EXPECT_EQ(info.error().field, "file");
    }
}

TEST(ImageInspector, RefusesEmptyData) {
    auto info = inspect_image("", MAX_PIXELS);
    ASSERT_FALSE(info.has_value());
    EXPECT_EQ(info.error().code, core::Errc::InvalidInput);
}

TEST(ImageInspector, RefusesTruncatedJpegAndPng) {
    for (const auto* extension : {".jpg", ".png"}) {
        std::string whole = make_image(400, 300, extension);
        auto info = inspect_image(std::string_view{whole}.substr(0, whole.size() / 2), MAX_PIXELS);
        ASSERT_FALSE(info.has_value()) << extension;
        EXPECT_EQ(info.error().code, core::Errc::InvalidInput) << extension;
        EXPECT_EQ(info.error().detail, "Ảnh bị hỏng hoặc không đầy đủ") << extension;
    }
}

TEST(ImageInspector, RefusesAPngClaimingFiftyThousandSquaredPixelsWithoutDecodingIt) {
    // Decoding 50000×50000 RGB would need 7.5 GB of pixels; the header alone must settle it, quickly.
    auto started = std::chrono::steady_clock::now();
    auto info = inspect_image(png_claiming(50000, 50000), MAX_PIXELS);
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds{1});

    ASSERT_FALSE(info.has_value());
    EXPECT_EQ(info.error().code, core::Errc::PayloadTooLarge);
    EXPECT_NE(info.error().detail.find("Ảnh quá lớn"), std::string::npos);
    EXPECT_NE(info.error().detail.find("50.000×50.000"), std::string::npos);
}

TEST(ImageInspector, AppliesTheConfiguredPixelLimit) {
    std::string photo = make_image(100, 100, ".jpg");
    EXPECT_TRUE(inspect_image(photo, 10'000).has_value());
    auto info = inspect_image(photo, 9'999);
    ASSERT_FALSE(info.has_value());
    EXPECT_EQ(info.error().code, core::Errc::PayloadTooLarge);
}

TEST(ImageInspector, MapsExtensionsAndContentTypes) {
    EXPECT_EQ(file_extension(ImageFormat::Jpeg), "jpg");
    EXPECT_EQ(content_type(ImageFormat::Webp), "image/webp");
    EXPECT_EQ(format_from_extension("gif"), ImageFormat::Gif);
    EXPECT_EQ(format_from_extension("jpeg"), std::nullopt);
    EXPECT_EQ(format_from_extension("JPG"), std::nullopt);
}

}  // namespace
}  // namespace cong::media
