#include "render/html_writer.hpp"

#include <gtest/gtest.h>

using namespace cong::render;

TEST(HtmlWriter, TextAndAttributeValuesAreEscaped) {
    HtmlWriter html;
    html.element("a", {{"href", "/x?a=1&b=\"2\""}, {"title", "<script>"}}, "Tom & Jerry <b>");
    EXPECT_EQ(html.str(), "<a href=\"/x?a=1&amp;b=&quot;2&quot;\" title=\"&lt;script&gt;\">Tom &amp; Jerry &lt;b&gt;</a>");
}

TEST(HtmlWriter, EscapingKeepsTheTextAroundEachEscapeAndDropsNul) {
    EXPECT_EQ(escape_html("Lúa 'mới' & ngô"), "Lúa &#39;mới&#39; &amp; ngô");
    EXPECT_EQ(escape_html("<<>>"), "&lt;&lt;&gt;&gt;");
    EXPECT_EQ(escape_html(std::string_view("a\0b", 3)), "ab");
    EXPECT_EQ(escape_html(""), "");
    EXPECT_EQ(escape_html("Thọ Xuân"), "Thọ Xuân");
}

TEST(HtmlWriter, ScopesCloseInReverseOrder) {
    HtmlWriter html;
    {
        auto outer = html.scope("div", {{"class", "a"}, {"hidden", "", false}});
        auto inner = html.scope("p");
        html.text("Thọ Xuân");
    }
    EXPECT_EQ(html.str(), "<div class=\"a\"><p>Thọ Xuân</p></div>");
}

TEST(HtmlWriter, TrustedMarkupIsWrittenAsIs) {
    HtmlWriter html;
    html.trusted(TrustedHtml("<svg></svg>")).void_element("br");
    EXPECT_EQ(html.str(), "<svg></svg><br>");
}
