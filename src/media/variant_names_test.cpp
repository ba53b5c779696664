#include "media/variant_names.hpp"

#include <gtest/gtest.h>

namespace cong::media {
namespace {

const std::string HASH = "7ad0369cf258be147ad0369cf258be147ad0369cf258be147ad0369cf258be14";

model::Media photo(int width, int height) {
    model::Media media;
    media.sha256 = HASH;
    media.width = width;
    media.height = height;
    return media;
}

TEST(VariantNames, ALargePhotoGetsTheWholeLadderAndAFullSizeJpeg) {
    EXPECT_EQ(variant_widths(4000, VariantFormat::Jpeg), (std::vector<int>{320, 640, 1024, 1600, 4000}));
    EXPECT_EQ(variant_widths(4000, VariantFormat::Webp), (std::vector<int>{320, 640, 1024, 1600}));
}

TEST(VariantNames, ANarrowPhotoIsNeverUpscaled) {
    EXPECT_EQ(variant_widths(960, VariantFormat::Jpeg), (std::vector<int>{320, 640, 960}));
    EXPECT_EQ(variant_widths(960, VariantFormat::Webp), (std::vector<int>{320, 640, 960}));
    EXPECT_EQ(variant_widths(1600, VariantFormat::Webp), (std::vector<int>{320, 640, 1024, 1600}));
    EXPECT_EQ(variant_widths(200, VariantFormat::Jpeg), (std::vector<int>{200}));
    EXPECT_TRUE(variant_widths(0, VariantFormat::Jpeg).empty());
}

TEST(VariantNames, HeightsKeepTheAspectRatio) {
    EXPECT_EQ(variant_height(4000, 3000, 320), 240);
    EXPECT_EQ(variant_height(640, 427, 320), 214);
    EXPECT_EQ(variant_height(5000, 10, 320), 1);
    EXPECT_EQ(variant_height(640, 427, 640), 427);
}

TEST(VariantNames, NamesAndUrlsCarryHashWidthAndFormat) {
    EXPECT_EQ(variant_file_name(HASH, 640, VariantFormat::Webp), HASH + "-640.webp");
    auto media = photo(4000, 3000);
    EXPECT_EQ(display_url(media), "/media/" + HASH + "-4000.jpg");
    EXPECT_EQ(fallback_url(media), "/media/" + HASH + "-1024.jpg");
    EXPECT_EQ(thumbnail_url(media), "/media/" + HASH + "-320.jpg");
    EXPECT_EQ(fallback_url(photo(500, 300)), "/media/" + HASH + "-500.jpg");
    EXPECT_EQ(thumbnail_url(photo(200, 100)), "/media/" + HASH + "-200.jpg");
    EXPECT_EQ(srcset(photo(960, 640), VariantFormat::Webp), "/media/" + HASH + "-320.webp 320w, /media/" + HASH +
                                                                "-640.webp 640w, /media/" + HASH + "-960.webp 960w");
}

TEST(VariantNames, ParsesOnlyExactVariantNames) {
    auto parsed = parse_variant_file_name(HASH + "-1024.webp");
    ASSERT_TRUE(parsed.has_value());
    EXPECT_EQ(parsed->sha256, HASH);
    EXPECT_EQ(parsed->width, 1024);
    EXPECT_EQ(parsed->format, VariantFormat::Webp);

    std::string upper = HASH;
    upper[0] = 'A';
    for (const std::string& bad :
         {HASH + ".jpg", HASH + "-0640.jpg", HASH + "-0.jpg", HASH + "-.jpg", HASH + "-640.png", HASH + "-640.JPG",
          HASH + "-640", HASH + "-640.jpg/", HASH + "-123456.jpg", HASH + "-64x.jpg", upper + "-640.jpg",
          HASH.substr(1) + "-640.jpg", "../" + HASH + "-640.jpg", HASH + "-640.jpg" + std::string{"\0", 1},
          HASH + "-6.40.jpg", std::string{}}) {
        EXPECT_FALSE(parse_variant_file_name(bad).has_value()) << bad;
    }
}

}  // namespace
}  // namespace cong::media
