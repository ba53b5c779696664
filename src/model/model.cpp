#include "model/article.hpp"
#include "model/user.hpp"

namespace cong::model {

std::string_view to_string(ArticleStatus status) {
    switch (status) {
        case ArticleStatus::Draft: return "draft";
        case ArticleStatus::Pending: return "pending";
        case ArticleStatus::Scheduled: return "scheduled";
        case ArticleStatus::Published: return "published";
        case ArticleStatus::Unpublished: return "unpublished";
    }
    return "draft";
}

std::optional<ArticleStatus> parse_article_status(std::string_view text) {
    if (text == "draft") return ArticleStatus::Draft;
    if (text == "pending") return ArticleStatus::Pending;
    if (text == "scheduled") return ArticleStatus::Scheduled;
    if (text == "published") return ArticleStatus::Published;
    if (text == "unpublished") return ArticleStatus::Unpublished;
    return std::nullopt;
}

std::string_view to_string(Role role) {
    switch (role) {
        case Role::Admin: return "admin";
        case Role::Approver: return "approver";
        case Role::Editor: return "editor";
    }
    return "editor";
}

std::optional<Role> parse_role(std::string_view text) {
    if (text == "admin") return Role::Admin;
    if (text == "approver") return Role::Approver;
    if (text == "editor") return Role::Editor;
    return std::nullopt;
}

}  // namespace cong::model
