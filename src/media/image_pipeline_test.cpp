#include "media/image_pipeline.hpp"

#include "media/test_images.hpp"
#include "media/vips_support.hpp"

#include <gtest/gtest.h>

#include <chrono>

namespace cong::media {
namespace {

using testing::GPS_MARKER;
using testing::make_image;
using testing::make_jpeg_with_gps;
using testing::png_claiming;

constexpr std::uint64_t MAX_PIXELS = 100'000'000;

VipsImagePtr load_any(const std::string& bytes) {
    return VipsImagePtr{vips_image_new_from_buffer(bytes.data(), bytes.size(), "", nullptr)};
}

bool has_field_starting(VipsImage* image, std::string_view prefix) {
    gchar** fields = vips_image_get_fields(image);
    bool found = false;
    for (gchar** field = fields; *field != nullptr; ++field)
        found = found || std::string_view{*field}.starts_with(prefix);
    g_strfreev(fields);
    return found;
}

TEST(ImagePipeline, TheTestPhotoReallyCarriesGpsAndOrientation) {
    std::string photo = make_jpeg_with_gps(200, 100, 6);
    auto image = load_any(photo);
    ASSERT_TRUE(image) << take_vips_error();
    EXPECT_NE(vips_image_get_typeof(image.get(), VIPS_META_EXIF_NAME), 0u);
    EXPECT_TRUE(has_field_starting(image.get(), "exif-ifd3-GPSLatitude"));
    EXPECT_EQ(vips_image_get_orientation(image.get()), 6);
    EXPECT_NE(photo.find(GPS_MARKER), std::string::npos);
    EXPECT_NE(photo.find("Exif"), std::string::npos);
}

TEST(ImagePipeline, NoVariantCarriesExifGpsOrAnyOtherMetadata) {
    std::string photo = make_jpeg_with_gps(1800, 1200, 1);
    auto derived = derive_variants(photo, MAX_PIXELS);
    ASSERT_TRUE(derived.has_value()) << derived.error().detail;
    ASSERT_FALSE(derived->variants.empty());
    for (const auto& variant : derived->variants) {
        SCOPED_TRACE(std::to_string(variant.width) + "." + std::string{variant_extension(variant.format)});
        EXPECT_EQ(variant.bytes.find(GPS_MARKER), std::string::npos);
        EXPECT_EQ(variant.bytes.find("Exif"), std::string::npos);
        EXPECT_EQ(variant.bytes.find("http://ns.adobe.com/xap"), std::string::npos);  // XMP
        auto image = load_any(variant.bytes);
        ASSERT_TRUE(image) << take_vips_error();
        EXPECT_EQ(vips_image_get_typeof(image.get(), VIPS_META_EXIF_NAME), 0u);
        EXPECT_EQ(vips_image_get_typeof(image.get(), VIPS_META_XMP_NAME), 0u);
        EXPECT_EQ(vips_image_get_typeof(image.get(), VIPS_META_IPTC_NAME), 0u);
        EXPECT_EQ(vips_image_get_typeof(image.get(), VIPS_META_ICC_NAME), 0u);
        EXPECT_FALSE(has_field_starting(image.get(), "exif-"));
        EXPECT_EQ(vips_image_get_width(image.get()), variant.width);
        EXPECT_EQ(vips_image_get_height(image.get()), variant.height);
    }
}

TEST(ImagePipeline, TurnsAPhotoUprightByItsExifOrientation) {
    // Stored 200 wide and 100 high; orientation 6 means the camera was turned: it shows 100×200.
    auto derived = derive_variants(make_jpeg_with_gps(200, 100, 6), MAX_PIXELS);
    ASSERT_TRUE(derived.has_value()) << derived.error().detail;
    EXPECT_EQ(derived->width, 100);
    EXPECT_EQ(derived->height, 200);
    for (const auto& variant : derived->variants) {
        EXPECT_EQ(variant.width, 100);
        EXPECT_EQ(variant.height, 200);
        auto image = load_any(variant.bytes);
        ASSERT_TRUE(image);
        EXPECT_EQ(vips_image_get_width(image.get()), 100);
        EXPECT_EQ(vips_image_get_height(image.get()), 200);
        EXPECT_EQ(vips_image_get_orientation(image.get()), 1);
    }
}

TEST(ImagePipeline, DerivesTheLadderInJpegAndWebpWithAFullSizeJpegAndNeverUpscales) {
    auto derived = derive_variants(make_image(2000, 1500, ".jpg"), MAX_PIXELS);
    ASSERT_TRUE(derived.has_value()) << derived.error().detail;
    std::vector<std::string> names;
    for (const auto& v : derived->variants) {
        names.push_back(std::to_string(v.width) + "x" + std::to_string(v.height) + "." +
                        std::string{variant_extension(v.format)});
        ASSERT_TRUE(load_any(v.bytes));
    }
    EXPECT_EQ(names,
              (std::vector<std::string>{"320x240.jpg", "640x480.jpg", "1024x768.jpg", "1600x1200.jpg", "2000x1500.jpg",
                                        "320x240.webp", "640x480.webp", "1024x768.webp", "1600x1200.webp"}));

    auto small = derive_variants(make_image(500, 300, ".png"), MAX_PIXELS);
    ASSERT_TRUE(small.has_value()) << small.error().detail;
    std::vector<int> widths;
    for (const auto& v : small->variants) widths.push_back(v.width);
    EXPECT_EQ(widths, (std::vector<int>{320, 500, 320, 500}));
}

TEST(ImagePipeline, EncodesJpegAndWebpWhateverTheUploadFormat) {
    for (auto extension : {".jpg", ".png", ".webp", ".gif"}) {
        auto derived = derive_variants(make_image(120, 80, extension), MAX_PIXELS);
        ASSERT_TRUE(derived.has_value()) << extension << ": " << derived.error().detail;
        ASSERT_EQ(derived->variants.size(), 2u);
        EXPECT_EQ(derived->variants[0].bytes.substr(0, 3), "\xFF\xD8\xFF");
        EXPECT_EQ(derived->variants[1].bytes.substr(8, 4), "WEBP");
    }
}

TEST(ImagePipeline, RefusesWhatIsNotARasterPhotoBeforeDecoding) {
    auto svg =
        derive_variants(R"(<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>)", MAX_PIXELS);
    ASSERT_FALSE(svg.has_value());
    EXPECT_EQ(svg.error().code, core::Errc::UnsupportedMediaType);

    // A ZIP archive renamed .jpg: its bytes say PK, not JPEG.
    std::string zip{"PK\x03\x04\x14\x00\x00\x00\x08\x00", 10};
    zip += std::string(200, 'x');
    auto archive = derive_variants(zip, MAX_PIXELS);
    ASSERT_FALSE(archive.has_value());
    EXPECT_EQ(archive.error().code, core::Errc::UnsupportedMediaType);

    auto start = std::chrono::steady_clock::now();
    auto bomb = derive_variants(png_claiming(100000, 100000), MAX_PIXELS);
    ASSERT_FALSE(bomb.has_value());
    EXPECT_EQ(bomb.error().code, core::Errc::PayloadTooLarge);
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));

    std::string photo = make_image(300, 200, ".jpg");
    auto truncated = derive_variants(std::string_view{photo}.substr(0, photo.size() / 2), MAX_PIXELS);
    ASSERT_FALSE(truncated.has_value());
    EXPECT_EQ(truncated.error().code, core::Errc::InvalidInput);
}

}  // namespace
}  // namespace cong::media
