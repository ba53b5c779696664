#include "media/variant_names.hpp"
#include "site/layout.hpp"
#include "site/pages.hpp"
#include "site/partials.hpp"
#include "site/test_content.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

using namespace cong;
using namespace cong::site;
using namespace cong::site::fixtures;

namespace {

std::string render_page(const content::ArticleContent& article) {
    render::HtmlWriter html;
    write_article_page(html, article, fixed_now());
    return html.take();
}

bool contains(const std::string& html, const std::string& text) { return html.find(text) != std::string::npos; }

int count(const std::string& html, const std::string& text) {
    int n = 0;
    for (auto at = html.find(text); at != std::string::npos; at = html.find(text, at + 1)) ++n;
    return n;
}

// The page as kept in the golden file: asset hashes masked (editing the stylesheet must not touch the
// article's golden file) and a line break before each block-level tag, so a diff shows what moved.
std::string golden_form(const std::string& html) {
    static const std::regex hashed_asset(R"(/static/([A-Za-z0-9_-]+)\.[0-9a-f]{8}\.)");
    static const std::regex block_tag(
        R"(<(head|meta|link|title|script|body|header|nav|main|article|section|footer|div|p|h1|h2|h3|h4|ul|ol|li|figure|figcaption|time|form|table|blockquote)[ >])");
    auto out = std::regex_replace(html, hashed_asset, "/static/$1.HASH.");
    out = std::regex_replace(out, block_tag, "\n$&");
    return out;
}

}  // namespace

TEST(ArticlePage, ShowsEveryElementOfTheSeedPage) {
    auto article = seed_article();
    auto html = render_page(article);

    EXPECT_TRUE(contains(html, "<html lang=\"vi\">"));
    EXPECT_TRUE(contains(html, ">Cổng thông tin điện tử huyện Thọ Xuân - Thanh Hóa</a>")) << "site name";
    EXPECT_TRUE(contains(html, "<p class=\"slogan\">THỌ XUÂN PHẤN ĐẤU TRỞ THÀNH HUYỆN NÔNG THÔN MỚI NÂNG CAO"));
    EXPECT_TRUE(contains(html, "<time datetime=\"2026-11-26\">Thứ Năm, 26/11/2026</time>")) << "date line";
    EXPECT_TRUE(contains(html, "<a href=\"/chuyen-muc/chien-luoc-dinh-huong-quy-hoach\">Chiến lược - Định Hướng - "
                               "Quy hoạch</a></li></ol></nav>"))
        << "breadcrumb ends with the category";
    EXPECT_TRUE(contains(html, "<h1>Ban Thường vụ Huyện ủy Thọ Xuân: Hội nghị Ban Chấp hành Đảng bộ huyện lần thứ 26, "
                               "nhiệm kỳ 2020-2025</h1>"));
    EXPECT_TRUE(contains(html, "<time class=\"published\" datetime=\"2024-04-03T09:15:00+07:00\">Đăng lúc: 03/04/2024 "
                               "(GMT+7)</time>"));
    EXPECT_TRUE(contains(html, ">A−</button><span class=\"text-size-value\" data-text-size-value=\"\" "
                               "aria-live=\"polite\">100%</span><button"));
    EXPECT_TRUE(contains(html, "<p class=\"lead\">Sáng 03/4/2024, BCH Đảng bộ huyện Thọ Xuân khoá XXVII"));
    EXPECT_TRUE(contains(html, "có 03/38 chỉ tiêu hoàn thành và hoàn thành vượt kế hoạch; 08/38 chỉ tiêu đạt trên "
                               "25%KH; 05/38 chỉ tiêu dưới 25% KH; còn 22/38 chỉ tiêu chưa đánh giá"));
    EXPECT_TRUE(contains(html, "<p class=\"byline\">Lê Thơ-Hồng Tăng, Trung tâm VHTT, TT&amp;DL huyện</p>"));
    EXPECT_TRUE(contains(html, "<h2 id=\"tin-lien-quan\">Tin liên quan</h2>"));
    EXPECT_TRUE(contains(html, "<a href=\"/bai-viet/bai-viet-25\">Hội nghị Ban Chấp hành Đảng bộ huyện lần thứ 25</a>"));
}

TEST(ArticlePage, EveryPhotoStandsUnderItsHashNameWithItsCaptionBelowIt) {
    auto article = seed_article();
    auto html = render_page(article);
    std::size_t previous = 0;
    for (const auto& [id, media] : article.media) {
        // WebP first for the browsers that take it, then the JPEG img with its size; never the upload itself.
        auto src = "<picture><source type=\"image/webp\" srcset=\"" + media::srcset(media, media::VariantFormat::Webp) +
                   "\" sizes=\"(max-width: 46rem) 100vw, 46rem\"><img src=\"" + media_url(media) + "\" srcset=\"" +
                   media::srcset(media, media::VariantFormat::Jpeg) +
                   "\" sizes=\"(max-width: 46rem) 100vw, 46rem\" width=\"640\" height=\"427\" alt=\"Ảnh hội nghị\"";
        EXPECT_TRUE(contains(src, "/media/" + media.sha256 + "-320.webp 320w, /media/" + media.sha256 + "-640.webp 640w"));
        auto at = html.find(src);
        ASSERT_NE(at, std::string::npos) << media.original_name;
        EXPECT_GT(at, previous) << media.original_name << " is out of order";
        previous = at;
        auto figure_end = html.find("</figure>", at);
        auto expected = media.caption.empty() ? std::string(">") : "<figcaption>" + media.caption + "</figcaption>";
        EXPECT_EQ(html.rfind(expected, figure_end), figure_end - expected.size()) << media.original_name;
        // The uploaded name is only a label in the library; it never reaches the page.
        EXPECT_FALSE(contains(html, media.original_name)) << media.original_name;
    }
    EXPECT_TRUE(contains(html, "<figcaption>( Toàn cảnh hội nghị)</figcaption>"));
    EXPECT_TRUE(contains(html, "<figcaption>( Đại biểu thảo luận tại hội nghị)</figcaption>"));
}

TEST(ArticlePage, CoverIsNotShownTwiceWhenTheBodyOpensWithIt) {
    auto article = seed_article();
    auto html = render_page(article);
    EXPECT_EQ(count(html, "<img src=\"" + media_url(*article.cover) + "\""), 1);
    EXPECT_FALSE(contains(html, "figure cover"));
}

TEST(ArticlePage, CoverOpensTheBodyWhenTheBodyDoesNotShowIt) {
    auto article = seed_article();
    article.cover = photo(99, "bia.jpg", "Quang cảnh hội trường");
    article.article.cover_media_id = 99;
    auto html = render_page(article);
    EXPECT_TRUE(contains(html, "<div class=\"article-body\"><figure class=\"figure cover\"><picture>"
                               "<source type=\"image/webp\" srcset=\"" +
                                   media::srcset(*article.cover, media::VariantFormat::Webp) + "\""));
    EXPECT_TRUE(contains(html, "<img src=\"" + media_url(*article.cover) + "\" srcset=\"" +
                                   media::srcset(*article.cover, media::VariantFormat::Jpeg) +
                                   "\" sizes=\"(max-width: 46rem) 100vw, 46rem\" width=\"640\" height=\"427\" "
                                   "alt=\"Ảnh hội nghị\" loading=\"eager\""));
    EXPECT_TRUE(contains(html, "<figcaption>Quang cảnh hội trường</figcaption></figure>"));
    EXPECT_TRUE(contains(html, "<meta property=\"og:image\" content=\"" + media_url(*article.cover) + "\">"));
}

TEST(ArticlePage, MarkupInTitleLeadCaptionCategoryAndBylineComesOutEscaped) {
    auto article = seed_article();
    article.article.title = "<script>alert('tiêu đề')</script>";
    article.article.lead = "Sapo <b onmouseover=\"x()\">đậm</b>";
    article.article.byline = "\"><svg onload=alert(1)>";
    article.breadcrumb.front().name = "<i>Chuyên mục</i>";
    article.frame.categories.back().name = "<i>Chuyên mục</i>";
    article.frame.site.name = "Cổng <u>xã</u>";
    article.media.at(2).caption = "<img src=x onerror=alert(1)>";  // shown as the figure's own caption
    article.related.front().article.title = "</a><script>x()</script>";
    auto html = render_page(article);

    EXPECT_FALSE(contains(html, "<script>alert"));
    EXPECT_FALSE(contains(html, "<script>x()"));
    EXPECT_FALSE(contains(html, "<b onmouseover"));
    EXPECT_FALSE(contains(html, "<svg onload"));
    EXPECT_FALSE(contains(html, "<i>Chuyên mục"));
    EXPECT_FALSE(contains(html, "<u>xã"));
    EXPECT_FALSE(contains(html, "<img src=x"));
    EXPECT_TRUE(contains(html, "<h1>&lt;script&gt;alert(&#39;tiêu đề&#39;)&lt;/script&gt;</h1>"));
    EXPECT_TRUE(contains(html, "<p class=\"lead\">Sapo &lt;b onmouseover=&quot;x()&quot;&gt;đậm&lt;/b&gt;</p>"));
    EXPECT_TRUE(contains(html, "<figcaption>&lt;img src=x onerror=alert(1)&gt;</figcaption>"));
    EXPECT_TRUE(contains(html, "&lt;i&gt;Chuyên mục&lt;/i&gt;</a>"));
    EXPECT_TRUE(contains(html, "<title>&lt;script&gt;alert(&#39;tiêu đề&#39;)&lt;/script&gt; - Cổng &lt;u&gt;xã&lt;/u&gt;"));
}

TEST(ArticlePage, HeadDescribesTheArticleForSearchEnginesAndSharing) {
    auto article = seed_article();
    auto html = render_page(article);
    EXPECT_TRUE(contains(html, "<title>Ban Thường vụ Huyện ủy Thọ Xuân: Hội nghị Ban Chấp hành Đảng bộ huyện lần thứ "
                               "26, nhiệm kỳ 2020-2025 - Cổng thông tin điện tử huyện Thọ Xuân - Thanh Hóa</title>"));
    EXPECT_TRUE(contains(html, "<meta name=\"description\" content=\"Sáng 03/4/2024, BCH Đảng bộ huyện Thọ Xuân"));
    EXPECT_TRUE(contains(html, "<link rel=\"canonical\" href=\"/bai-viet/" + article.article.slug + "\">"));
    EXPECT_TRUE(contains(html, "<meta property=\"og:type\" content=\"article\">"));
    EXPECT_TRUE(contains(html, "<meta property=\"og:title\" content=\"Ban Thường vụ Huyện ủy Thọ Xuân:"));
    EXPECT_TRUE(contains(html, "<meta property=\"article:published_time\" content=\"2024-04-03T09:15:00+07:00\">"));
    EXPECT_TRUE(std::regex_search(html, std::regex(R"(<link rel="stylesheet" href="/static/site\.[0-9a-f]{8}\.css">)")));
    EXPECT_TRUE(std::regex_search(html, std::regex(R"(<script src="/static/site\.[0-9a-f]{8}\.js" defer=""></script>)")));

    article.frame.site.host = "thoxuan.thanhhoa.gov.vn";
    html = render_page(article);
    EXPECT_TRUE(contains(html, "<link rel=\"canonical\" href=\"https://thoxuan.thanhhoa.gov.vn/bai-viet/"));
    EXPECT_TRUE(contains(html, "<meta property=\"og:image\" content=\"https://thoxuan.thanhhoa.gov.vn/media/"));
}

TEST(ArticlePage, ControlsThatNeedTheScriptStartHidden) {
    auto html = render_page(seed_article());
    EXPECT_TRUE(contains(html, "<div class=\"article-tools\" hidden=\"\" data-needs-js=\"\">"));
    EXPECT_TRUE(contains(html, "<button type=\"button\" data-text-size-step=\"-1\" aria-label=\"A− Giảm cỡ chữ\">A−</button>"));
    EXPECT_TRUE(contains(html, "<button type=\"button\" data-text-size-step=\"1\" aria-label=\"A+ Tăng cỡ chữ\">A+</button>"));
    EXPECT_TRUE(contains(html, "data-print=\"\">In bài viết</button>"));
}

TEST(ArticlePage, MenuMarksTheArticlesCategory) {
    auto html = render_page(seed_article());
    EXPECT_TRUE(contains(html, "<a href=\"/chuyen-muc/chien-luoc-dinh-huong-quy-hoach\" aria-current=\"true\">"));
    EXPECT_FALSE(contains(html, "aria-current=\"page\""));
}

TEST(ArticlePage, ABodyThatNoLongerParsesStillShowsItsText) {
    auto article = seed_article();
    article.article.body_json = "{\"type\":\"doc\",\"content\":[{\"type\":\"video\"}]}";
    article.article.body_text = "Đoạn một.\n\nĐoạn <hai>.";
    auto html = render_page(article);
    EXPECT_TRUE(contains(html, "<p>Đoạn một.</p><p>Đoạn &lt;hai&gt;.</p></div>"));
}

TEST(ArticlePage, MatchesTheGoldenFile) {
    auto actual = golden_form(render_page(seed_article()));
    auto path = source_path("tests/golden/site/article_page.html");
    const char* update = std::getenv("CONG_UPDATE_GOLDEN");
    if (update && std::string(update) == "1") {
        std::filesystem::create_directories(std::filesystem::path(path).parent_path());
        std::ofstream(path, std::ios::binary) << actual;
        GTEST_SKIP() << "rewrote " << path;
    }
    std::ifstream in(path, std::ios::binary);
    ASSERT_TRUE(in) << path << " is missing; run with CONG_UPDATE_GOLDEN=1 to create it";
    std::ostringstream expected;
    expected << in.rdbuf();
    EXPECT_EQ(actual, expected.str()) << "the article page changed; review the diff, then rerun with "
                                         "CONG_UPDATE_GOLDEN=1 to accept it";
}

TEST(ArticlePage, SharingCardsCarryTheCoverWithItsSize) {
    auto article = seed_article();
    article.frame.site.host = "thoxuan.thanhhoa.gov.vn";
    auto html = render_page(article);
    auto image = "https://thoxuan.thanhhoa.gov.vn" + media_url(*article.cover);
    EXPECT_TRUE(contains(html, "<meta property=\"og:image\" content=\"" + image + "\">"));
    EXPECT_TRUE(contains(html, "<meta property=\"og:image:width\" content=\"640\">"));
    EXPECT_TRUE(contains(html, "<meta property=\"og:image:height\" content=\"427\">"));
    EXPECT_TRUE(contains(html, "<meta name=\"twitter:card\" content=\"summary_large_image\">"));
    EXPECT_TRUE(contains(html, "<meta name=\"twitter:image\" content=\"" + image + "\">"));
    EXPECT_TRUE(contains(html, "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"Chiến lược - Định "
                               "Hướng - Quy hoạch - Cổng thông tin điện tử huyện Thọ Xuân - Thanh Hóa\" "
                               "href=\"/chuyen-muc/chien-luoc-dinh-huong-quy-hoach/rss.xml\">"));
}

TEST(ArticlePage, ShareLinksAreAddressesWithTheEncodedPageUrl) {
    auto article = seed_article();
    article.frame.site.host = "thoxuan.thanhhoa.gov.vn";
    auto html = render_page(article);
    auto encoded = "https%3A%2F%2Fthoxuan.thanhhoa.gov.vn%2Fbai-viet%2F" + url_encode(article.article.slug);
    EXPECT_TRUE(contains(html, "href=\"https://www.facebook.com/sharer/sharer.php?u=" + encoded + "\""));
    EXPECT_TRUE(contains(html, "href=\"https://sp.zalo.me/share_to_zalo?url=" + encoded + "\""));
    EXPECT_TRUE(contains(html, "data-copy-link=\"\" data-needs-js=\"\" hidden=\"\">Sao chép liên kết</button>"));
    // Sharing must not load anything from elsewhere before the reader asks for it.
    EXPECT_FALSE(contains(html, "<script src=\"http"));
    EXPECT_FALSE(contains(html, "<iframe"));
}

TEST(ArticlePage, JsonLdDescribesANewsArticleAndCannotEndItsScript) {
    auto article = seed_article();
    article.frame.site.host = "thoxuan.thanhhoa.gov.vn";
    article.article.title = "Tiêu đề </script><script>alert(1)</script> & “ngoặc”";
    auto json = article_json_ld(article);
    EXPECT_EQ(json.find('<'), std::string::npos);
    EXPECT_EQ(json.find('>'), std::string::npos);
    auto parsed = boost::json::parse(json).as_object();
    EXPECT_EQ(parsed.at("@type").as_string(), "NewsArticle");
    EXPECT_EQ(parsed.at("headline").as_string(), "Tiêu đề </script><script>alert(1)</script> & “ngoặc”");
    EXPECT_EQ(parsed.at("datePublished").as_string(), "2024-04-03T09:15:00+07:00");
    EXPECT_EQ(parsed.at("inLanguage").as_string(), "vi");
    EXPECT_EQ(parsed.at("author").at("name").as_string(), "Lê Thơ-Hồng Tăng");
    EXPECT_EQ(parsed.at("image").at("url").as_string(),
              "https://thoxuan.thanhhoa.gov.vn" + media_url(*article.cover));
    auto html = render_page(article);
    EXPECT_TRUE(contains(html, "<script type=\"application/ld+json\">" + json + "</script>"));
    EXPECT_EQ(count(html, "</script>"), 2) << "only site.js and the JSON-LD close a script";
}

TEST(ArticlePage, WithoutAHostTheShareLinksWaitForTheScriptToKnowTheAddress) {
    auto html = render_page(seed_article());
    EXPECT_TRUE(contains(html, "<div class=\"share\" role=\"group\" aria-label=\"Chia sẻ bài viết\" "
                               "data-needs-js=\"\" hidden=\"\">"));
    auto article = seed_article();
    article.frame.site.host = "thoxuan.thanhhoa.gov.vn";
    EXPECT_TRUE(
        contains(render_page(article), "<div class=\"share\" role=\"group\" aria-label=\"Chia sẻ bài viết\">"));
}
