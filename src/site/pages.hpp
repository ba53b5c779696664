// Pages: the view functions of the public site, one per kind of page, each writing a whole HTML document.
#pragma once

#include "content/document.hpp"
#include "content/published_content.hpp"
#include "core/clock.hpp"
#include "render/html_writer.hpp"

namespace cong::site {

// now is the moment of rendering: it gives the header's date line and the copyright year.

// Featured articles (the first one large), the latest news, then a few articles per top-level category.
void write_home_page(render::HtmlWriter& html, const content::HomeContent& home, core::Timestamp now);

// A category listing: breadcrumb, name, description, sub-categories, one page of articles, pagination.
void write_category_page(render::HtmlWriter& html, const content::CategoryContent& category, core::Timestamp now);

// The URL of page number page of a category: the plain path for page 1, "?trang=N" after it.
std::string category_page_url(const model::Category& category, int page);

// "/chuyen-muc/<slug>/rss.xml": the category's own RSS feed.
std::string category_feed_path(const model::Category& category);

// The schema.org NewsArticle description of an article as JSON-LD, ready to sit inside <script>.
std::string article_json_ld(const content::ArticleContent& article);

// An article: breadcrumb, title, publication stamp, text-size control, lead, photos with captions,
// body, byline and source, share links, related articles.
// summaries draws the article's "target summary" blocks with live figures; without it they are left out.
void write_article_page(render::HtmlWriter& html, const content::ArticleContent& article, core::Timestamp now,
                        const content::TargetSummaryResolver& summaries = {});
// The same page for an article in any status, for the back office: a "Bản xem trước" banner, noindex.
void write_article_preview(render::HtmlWriter& html, const content::ArticleContent& article, core::Timestamp now);

// "Không tìm thấy trang", with a link home and the search form; served with status 404.
void write_not_found_page(render::HtmlWriter& html, const content::SiteFrame& frame, core::Timestamp now);

// The page for a failure of ours (500) or an overloaded server (503); says so in Vietnamese, no details.
void write_error_page(render::HtmlWriter& html, const content::SiteFrame& frame, int status, core::Timestamp now);

}  // namespace cong::site
