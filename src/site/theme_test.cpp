#include "site/theme.hpp"

#include <gtest/gtest.h>

using namespace cong;

TEST(Theme, ASiteWithBuiltInColoursLinksNoStylesheet) {
    model::Site site;
    EXPECT_EQ(site::theme_stylesheet_path(site), "");
}

TEST(Theme, TheAddressIsMadeOfBothColoursWithDefaultsForAnUnsetOne) {
    model::Site site;
    site.primary_colour = "#1a5c9e";
    EXPECT_EQ(site::theme_stylesheet_path(site), "/giao-dien/1a5c9e-ffd966.css");
    site.accent_colour = "#ffe08a";
    EXPECT_EQ(site::theme_stylesheet_path(site), "/giao-dien/1a5c9e-ffe08a.css");
}

TEST(Theme, StylesheetSetsTheSiteCustomPropertiesOutsideHighContrast) {
    auto css = site::theme_stylesheet("1a5c9e-ffe08a.css");
    ASSERT_TRUE(css);
    EXPECT_NE(css->find(":root:not(.high-contrast){--red:#1a5c9e;--red-dark:#134576;--gold:#ffe08a}"), std::string::npos);
}

TEST(Theme, AnythingButTwoLowerCaseHexColoursIsNotAStylesheet) {
    for (const char* name : {"", "1a5c9e.css", "1A5C9E-ffe08a.css", "1a5c9e-ffe08a.js", "1a5c9e-ffe08a.css.map",
                             "1a5c9e_ffe08a.css", "1a5c9e-ffe0g8.css", "../../etc/pa.css", "1a5c9e-ffe08a;}.css"})
        EXPECT_FALSE(site::theme_stylesheet(name)) << name;
}
