#include "cli/demo_loader.hpp"

#include "auth/user_service.hpp"
#include "content/article_service.hpp"
#include "content/category_service.hpp"
#include "content/document.hpp"
#include "content/site_service.hpp"
#include "media/image_generator.hpp"
#include "media/media_service.hpp"
#include "targets/ntm_import.hpp"
#include "targets/plan_import.hpp"

#include <boost/json.hpp>

#include <random>

namespace cong::cli {

std::string_view demo_content_json();  // embedded by CMake from demo/demo_content.json
std::string_view demo_targets_json();  // embedded by CMake from demo/demo_targets.json

namespace {

using core::Errc;
using core::Error;
using core::Result;
namespace json = boost::json;

// Wide enough for the article column on a desktop; larger only makes `init --demo` slower.
constexpr int PHOTO_WIDTH = 960;
constexpr int PHOTO_HEIGHT = 640;

std::string text_of(const json::object& object, std::string_view key) {
    auto it = object.find(key);
    return it != object.end() && it->value().is_string() ? std::string(it->value().as_string()) : std::string();
}

std::string generate_password() {
    // std::random_device reads the kernel's CSPRNG on Linux; the alphabet avoids look-alike characters.
    static constexpr std::string_view ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    std::random_device device;
    std::uniform_int_distribution<std::size_t> pick(0, ALPHABET.size() - 1);
    std::string password;
    for (int i = 0; i < 16; ++i) password += ALPHABET[pick(device)];
    return password;
}

class Loader {
public:
    Loader(storage::Database& db, const core::Config& config, std::int64_t site_id)
        : db_(db),
          site_id_(site_id),
          media_(db, config.storage.data_dir + "/media", config.media),
          categories_(db, site_id),
          articles_(db, site_id) {}

    Result<DemoSummary> load(const json::object& root, model::User admin) {
        admin_ = std::move(admin);
        CONG_TRY_VOID(load_site(root));
        if (auto it = root.find("categories"); it != root.end() && it->value().is_array()) {
            int position = 0;
            for (const auto& value : it->value().as_array())
                CONG_TRY_VOID(load_category(value.as_object(), std::nullopt, position++));
        }
        if (auto it = root.find("articles"); it != root.end() && it->value().is_array()) {
            for (const auto& value : it->value().as_array()) CONG_TRY_VOID(load_article(value.as_object()));
        }
        return summary_;
    }

private:
    Result<void> load_site(const json::object& root) {
        auto it = root.find("site");
        if (it == root.end() || !it->value().is_object()) return {};
        const auto& s = it->value().as_object();
        CONG_TRY(site, db_.read([&](storage::Tx& tx) { return tx.sites().find_site(site_id_); }));
        if (!site) return Error{Errc::NotFound, "site missing"};
        site->name = text_of(s, "name");
        site->slogan = text_of(s, "slogan");
        site->owner = text_of(s, "owner");
        site->address = text_of(s, "address");
        site->phone = text_of(s, "phone");
        site->email = text_of(s, "email");
        site->responsible_person = text_of(s, "responsible_person");
        site->licence = text_of(s, "licence");
        return content::update_site(db_, *site);
    }

    Result<void> load_category(const json::object& c, std::optional<std::int64_t> parent, int position) {
        model::Category category;
        category.name = text_of(c, "name");
        category.slug = text_of(c, "slug");
        category.description = text_of(c, "description");
        category.parent_id = parent;
        category.position = position;
        CONG_TRY(created, categories_.create_category(category));
        ++summary_.categories;
        if (auto it = c.find("children"); it != c.end() && it->value().is_array()) {
            int child_position = 0;
            for (const auto& child : it->value().as_array())
                CONG_TRY_VOID(load_category(child.as_object(), created.id, child_position++));
        }
        return {};
    }

    Result<std::int64_t> photo(const json::object& p, std::string_view label) {
        auto bytes = media::generate_demo_jpeg(PHOTO_WIDTH, PHOTO_HEIGHT, std::uint32_t(++photo_seed_ * 2654435761u),
                                               label);
        if (!bytes) return bytes.error();
        media::UploadInput input{.site_id = site_id_,
                                 .original_name = text_of(p, "file"),
                                 .data = *bytes,
                                 .caption = text_of(p, "caption"),
                                 .alt = text_of(p, "alt"),
                                 .credit = text_of(p, "credit"),
                                 .uploaded_by = admin_.id};
        if (input.alt.empty()) input.alt = input.caption;
        CONG_TRY(stored, media_.upload(input));
        ++summary_.photos;
        return stored.id;
    }

    // Turns the demo file's compact blocks into a ProseMirror document.
    Result<json::array> blocks(const json::array& in) {
        auto text_node = [](std::string_view text) { return json::object{{"type", "text"}, {"text", text}}; };
        auto paragraph = [&](std::string_view text) {
            return json::object{{"type", "paragraph"}, {"content", json::array{text_node(text)}}};
        };
        json::array out;
        for (const auto& value : in) {
            const auto& block = value.as_object();
            if (auto p = block.find("p"); p != block.end()) {
                out.push_back(paragraph(p->value().as_string()));
            } else if (auto h = block.find("h"); h != block.end()) {
                out.push_back(json::object{{"type", "heading"},
                                           {"attrs", json::object{{"level", 2}}},
                                           {"content", json::array{text_node(h->value().as_string())}}});
            } else if (auto q = block.find("quote"); q != block.end()) {
                out.push_back(json::object{{"type", "blockquote"},
                                           {"content", json::array{paragraph(q->value().as_string())}}});
            } else if (auto ul = block.find("ul"); ul != block.end()) {
                json::array items;
                for (const auto& item : ul->value().as_array())
                    items.push_back(json::object{{"type", "listItem"},
                                                 {"content", json::array{paragraph(item.as_string())}}});
                out.push_back(json::object{{"type", "bulletList"}, {"content", std::move(items)}});
            } else if (auto table = block.find("table"); table != block.end()) {
                json::array rows;
                bool header = true;
                for (const auto& row : table->value().as_array()) {
                    json::array cells;
                    for (const auto& cell : row.as_array())
                        cells.push_back(json::object{{"type", header ? "tableHeader" : "tableCell"},
                                                     {"content", json::array{paragraph(cell.as_string())}}});
                    rows.push_back(json::object{{"type", "tableRow"}, {"content", std::move(cells)}});
                    header = false;
                }
                out.push_back(json::object{{"type", "table"}, {"content", std::move(rows)}});
            } else if (auto figure = block.find("figure"); figure != block.end()) {
                const auto& f = figure->value().as_object();
                std::string caption = text_of(f, "caption");
                CONG_TRY(id, photo(f, caption));
                json::array content;
                if (!caption.empty()) content.push_back(text_node(caption));
                out.push_back(json::object{
                    {"type", "figure"}, {"attrs", json::object{{"media", id}}}, {"content", std::move(content)}});
            }
        }
        return out;
    }

    Result<void> load_article(const json::object& a) {
        content::ArticleInput input;
        input.title = text_of(a, "title");
        input.lead = text_of(a, "lead");
        input.category_slug = text_of(a, "category");
        input.byline = text_of(a, "byline");
        input.source = text_of(a, "source");
        input.status = model::ArticleStatus::Published;
        if (auto f = a.find("featured"); f != a.end() && f->value().is_bool()) input.featured = f->value().as_bool();
        CONG_TRY(published_at, core::parse_rfc3339(text_of(a, "published_at")));
        input.published_at = published_at;
        if (auto cover = a.find("cover"); cover != a.end() && cover->value().is_object()) {
            CONG_TRY(id, photo(cover->value().as_object(), input.title));
            input.cover_media_id = id;
        }
        json::array content;
        if (auto b = a.find("blocks"); b != a.end() && b->value().is_array()) {
            CONG_TRY(converted, blocks(b->value().as_array()));
            content = std::move(converted);
        }
        CONG_TRY(body, content::document_from_json_value(json::object{{"type", "doc"}, {"content", std::move(content)}}));
        input.body = std::move(body);
        CONG_TRY(article, articles_.create_article(input, {admin_, ""}));
        (void)article;
        ++summary_.articles;
        return {};
    }

    storage::Database& db_;
    std::int64_t site_id_;
    media::MediaService media_;
    content::CategoryService categories_;
    content::ArticleService articles_;
    model::User admin_;
    DemoSummary summary_;
    int photo_seed_ = 0;
};

}  // namespace

Result<DemoSummary> load_demo_content(storage::Database& db, const core::Config& config, std::int64_t site_id) {
    CONG_TRY(existing, db.read([&](storage::Tx& tx) { return tx.categories().list_categories(site_id); }));
    if (!existing.empty())
        return Error{Errc::Conflict, "the site already has content: demo content goes only into a new database"};

    boost::system::error_code ec;
    json::value root = json::parse(demo_content_json(), ec);
    if (ec || !root.is_object()) return Error{Errc::Internal, "embedded demo content is not valid JSON"};

    // One transaction: a load that fails half-way (a full disk, say) leaves no half portal behind that
    // would make the next `init --demo` refuse. The services' own writes nest in it as savepoints.
    return db.write([&](storage::Tx&) -> Result<DemoSummary> {
        auth::UserService users{db};
        std::string password = generate_password();
        CONG_TRY(admin, users.add_user("admin", model::Role::Admin, password, "Quản trị viên"));
        std::string approver_password = generate_password();
        CONG_TRY(approver, users.add_user("duyet", model::Role::Approver, approver_password, "Trưởng ban biên tập"));
        std::string editor_password = generate_password();
        CONG_TRY(editor, users.add_user("bientap", model::Role::Editor, editor_password, "Biên tập viên"));
        Loader loader{db, config, site_id};
        try {
            CONG_TRY(summary, loader.load(root.as_object(), admin));
            // The resolution behind the seed article's "03/38 … 22/38" with its first-quarter figures, and the
            // communes' New Rural Development standing.
            json::value plans = json::parse(demo_targets_json(), ec);
            if (ec || !plans.is_object()) return Error{Errc::Internal, "embedded demo targets are not valid JSON"};
            targets::TargetService target_service{db, site_id};
            CONG_TRY(imported, targets::import_plans(target_service, plans.as_object(), admin));
            (void)imported;
            targets::NtmService ntm_service{db, site_id};
            CONG_TRY(ntm_imported, targets::import_ntm(ntm_service, plans.as_object(), admin));
            (void)ntm_imported;
            // The two national commune sets with their regions and commune groups, and the OCOP catalogue.
            targets::OcopService ocop_service{db, site_id};
            CONG_TRY(catalogue, targets::import_ntm_catalogue(ntm_service, ocop_service, plans.as_object(), admin));
            (void)catalogue;
            summary.admin_login = admin.login;
            summary.admin_password = password;
            summary.approver_login = approver.login;
            summary.approver_password = approver_password;
            summary.editor_login = editor.login;
            summary.editor_password = editor_password;
            return summary;
        } catch (const std::exception& e) {
            // as_object()/as_string() throw on a demo file of the wrong shape: a fault in our own data.
            return Error{Errc::Internal, std::string("demo content has an unexpected shape: ") + e.what()};
        }
    });
}

}  // namespace cong::cli
