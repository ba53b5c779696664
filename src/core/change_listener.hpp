// ChangeListener: told, after a transaction committed, which dependency tags of public content changed
// ("article:42", "category:7", "site:1", "listing:1"), so whatever keeps rendered pages can drop them.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace cong::core {

class ChangeListener {
public:
    virtual ~ChangeListener() = default;
    // Called once per committed change, from the thread that made it; must be safe from several threads.
    virtual void content_changed(const std::vector<std::string>& tags) = 0;
};

// The tags services and pages agree on.
inline std::string article_tag(std::int64_t id) { return "article:" + std::to_string(id); }
inline std::string category_tag(std::int64_t id) { return "category:" + std::to_string(id); }
// Everything that shows the site's name, menu or footer: every page.
inline std::string site_tag(std::int64_t id) { return "site:" + std::to_string(id); }
// Lists of the newest articles: home, feeds, sitemap.
inline std::string listing_tag(std::int64_t site_id) { return "listing:" + std::to_string(site_id); }

// Tells several listeners of every change, in order: the page cache and the search answers of one node.
class ChangeListeners final : public ChangeListener {
public:
    explicit ChangeListeners(std::vector<ChangeListener*> listeners) : listeners_(std::move(listeners)) {}
    void content_changed(const std::vector<std::string>& tags) override {
        for (auto* listener : listeners_) listener->content_changed(tags);
    }

private:
    std::vector<ChangeListener*> listeners_;
};

}  // namespace cong::core
