#include "media/image_generator.hpp"

#include "media/image_inspector.hpp"

#include <gtest/gtest.h>

namespace cong::media {
namespace {

TEST(ImageGenerator, DrawsAJpegOfTheAskedSize) {
    auto jpeg = generate_demo_jpeg(640, 400, 26, "Toàn cảnh hội nghị");
    ASSERT_TRUE(jpeg.has_value()) << jpeg.error().detail;
    auto info = inspect_image(*jpeg, 100'000'000);
    ASSERT_TRUE(info.has_value()) << info.error().detail;
    EXPECT_EQ(info->format, ImageFormat::Jpeg);
    EXPECT_EQ(info->width, 640);
    EXPECT_EQ(info->height, 400);
    // A photo-like picture, not a flat fill: JPEG compresses a flat 640×400 image far below this.
    EXPECT_GT(jpeg->size(), 10'000u);
}

TEST(ImageGenerator, IsDeterministicForASeed) {
    auto first = generate_demo_jpeg(200, 150, 3, "Đại biểu dự hội nghị");
    auto second = generate_demo_jpeg(200, 150, 3, "Đại biểu dự hội nghị");
    auto other_seed = generate_demo_jpeg(200, 150, 4, "Đại biểu dự hội nghị");
    auto other_label = generate_demo_jpeg(200, 150, 3, "Toàn cảnh");
    ASSERT_TRUE(first && second && other_seed && other_label);
    EXPECT_EQ(*first, *second);
    EXPECT_NE(*first, *other_seed);
    EXPECT_NE(*first, *other_label);
}

TEST(ImageGenerator, TreatsLabelsAsTextNotMarkup) {
    auto jpeg = generate_demo_jpeg(300, 200, 1, "<b>Hội nghị & \"Tổng kết\"</span>");
    ASSERT_TRUE(jpeg.has_value()) << jpeg.error().detail;
}

TEST(ImageGenerator, RefusesBadSizesAndLabels) {
    for (auto [width, height] : {std::pair{15, 100}, std::pair{100, 4097}, std::pair{0, 0}, std::pair{-5, 100}}) {
        auto jpeg = generate_demo_jpeg(width, height, 1, "");
        ASSERT_FALSE(jpeg.has_value());
        EXPECT_EQ(jpeg.error().code, core::Errc::InvalidInput);
    }
    EXPECT_FALSE(generate_demo_jpeg(100, 100, 1, "\xC3\x28").has_value());
    EXPECT_FALSE(generate_demo_jpeg(100, 100, 1, std::string(201, 'a')).has_value());
    EXPECT_TRUE(generate_demo_jpeg(100, 100, 1, std::string(200, 'a')).has_value());
}

}  // namespace
}  // namespace cong::media
