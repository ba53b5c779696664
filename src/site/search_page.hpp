// The search page /tim-kiem: the form with its filters, the counted results with highlighted words,
// pagination, and a helpful word when nothing is found.
#pragma once

#include "content/published_content.hpp"
#include "core/clock.hpp"
#include "render/html_writer.hpp"
#include "search/search_service.hpp"

#include <optional>
#include <string>

namespace cong::site {

struct SearchPageView {
    content::SiteFrame frame;
    std::string query;     // as typed, to fill the form again
    std::string category;  // slug, "" for all
    std::string from;      // "2024-04-03" as typed, "" for none
    std::string until;
    std::optional<search::SearchResults> results;  // nullopt: nothing asked yet, or the request was refused
    std::string error;                             // why the request was refused, in Vietnamese
};

void write_search_page(render::HtmlWriter& html, const SearchPageView& view, core::Timestamp now);

// The address of one page of results with the same query and filters.
std::string search_page_url(const SearchPageView& view, int page);

// Writes spans as text, the matched words inside <mark>; every piece of text is escaped.
void write_highlighted(render::HtmlWriter& html, const search::Highlighted& text);

}  // namespace cong::site
