// Partials: pieces shared by the public pages — breadcrumb, dates, photos, article summaries, search form.
#pragma once

#include "content/document.hpp"
#include "content/published_content.hpp"
#include "core/clock.hpp"
#include "model/category.hpp"
#include "model/media.hpp"
#include "model/site.hpp"
#include "render/html_writer.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace cong::site {

// The longest lead shown in a list or a meta description, in bytes (about two lines on a phone).
constexpr std::size_t SUMMARY_LEAD_BYTES = 320;

// "/media/<sha256>-<width>.jpg": the photo at full size, re-encoded without metadata (feeds, og:image).
std::string media_url(const model::Media& media);

// How wide a photo is drawn, for the browser to pick a variant from srcset: the article column
// (46rem, the whole screen on a phone) and the list thumbnail (7rem, at most 30% of a phone's width).
constexpr std::string_view ARTICLE_IMAGE_SIZES = "(max-width: 46rem) 100vw, 46rem";
constexpr std::string_view THUMBNAIL_IMAGE_SIZES = "(max-width: 23rem) 30vw, 7rem";

// "https://<host><path>" when the site has a host, else path itself (a default site knows no host).
std::string absolute_url(const model::Site& site, std::string_view path);

// text cut to at most max_bytes at a word boundary, never inside a UTF-8 sequence, with "…" when cut.
std::string shorten(std::string_view text, std::size_t max_bytes);

// Only the first photo of a page loads at once; the rest wait until the reader scrolls near them.
class ImageLoading {
public:
    std::string_view next() {
        if (eager_used_) return "lazy";
        eager_used_ = true;
        return "eager";
    }

private:
    bool eager_used_ = false;
};

// <picture> with WebP variants before JPEG ones and an <img> with the photo's intrinsic size, so the page does
// not jump while photos load; sizes says how wide it is drawn.
void write_image(render::HtmlWriter& html, const model::Media& media, std::string_view alt, std::string_view loading,
                 std::string_view sizes = ARTICLE_IMAGE_SIZES);

// <time datetime="2024-04-03T08:30:00+07:00">03/04/2024</time>
void write_date(render::HtmlWriter& html, core::Timestamp when);

// "Trang chủ › parent › … › last". When last_is_page, the last item is this page (not a link).
void write_breadcrumb(render::HtmlWriter& html, const std::vector<model::Category>& chain, bool last_is_page);

enum class SummaryStyle { WithCover, TitleOnly };

// One article in a list: title link, date, short lead and, with WithCover, its thumbnail.
// heading is "h2" or "h3", to keep the page outline right.
void write_summary(render::HtmlWriter& html, const content::ArticleSummary& summary, std::string_view heading,
                   SummaryStyle style, ImageLoading& loading);

// The search form (GET /tim-kiem?q=). A page with two forms gives each its own id_suffix and name, so
// ids stay unique and screen readers can tell the two search landmarks apart.
void write_search_form(render::HtmlWriter& html, std::string_view id_suffix, std::string_view name);

// A figure's photo for the document renderer, with the photo's own caption, alt text and credit.
content::FigureView figure_view(const model::Media& media);

}  // namespace cong::site
