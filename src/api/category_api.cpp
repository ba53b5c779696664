#include "api/json_io.hpp"
#include "api/routes.hpp"

#include <boost/json.hpp>

namespace cong::api {
namespace {

boost::json::object category_json(const model::Category& c) {
    return boost::json::object{
        {"id", c.id},
        {"name", c.name},
        {"slug", c.slug},
        {"url", content::category_path(c)},
        {"description", c.description},
        {"parent_id", c.parent_id ? boost::json::value(*c.parent_id) : nullptr},
        {"position", c.position},
    };
}

}  // namespace

http::Response ApiHandlers::list_categories(const http::Request& request) {
    auto user = authenticate(request);
    if (!user) return error_response(request, user.error());
    auto list = categories.list_categories();
    if (!list) return error_response(request, list.error());
    boost::json::array out;
    for (const auto& c : *list) out.push_back(category_json(c));
    return json_response(boost::json::object{{"categories", std::move(out)}});
}

http::Response ApiHandlers::create_category(const http::Request& request) {
    auto user = authenticate(request);
    if (!user) return error_response(request, user.error());
    // The menu is part of the site's structure: only administrators change it.
    if (user->role != model::Role::Admin)
        return error_response(request, {core::Errc::Forbidden, "Chỉ quản trị viên mới được tạo chuyên mục"});
    auto json = parse_json_object(request.body);
    if (!json) return error_response(request, json.error());
    model::Category category;
    auto name = string_field(*json, "name");
    if (!name) return error_response(request, name.error());
    auto slug = string_field(*json, "slug");
    if (!slug) return error_response(request, slug.error());
    auto description = string_field(*json, "description");
    if (!description) return error_response(request, description.error());
    auto parent = nullable_id_field(*json, "parent_id");
    if (!parent) return error_response(request, parent.error());
    category.name = name->value_or("");
    category.slug = slug->value_or("");
    category.description = description->value_or("");
    if (*parent) category.parent_id = **parent;
    if (auto it = json->find("position"); it != json->end()) {
        if (!it->value().is_int64() || it->value().as_int64() < 0 || it->value().as_int64() > 10000)
            return error_response(request, {core::Errc::InvalidInput, "Vị trí phải là số nguyên từ 0 đến 10000", "position"});
        category.position = int(it->value().as_int64());
    }
    auto created = categories.create_category(std::move(category));
    if (!created) return error_response(request, created.error());
    return json_response(category_json(*created), 201);
}

}  // namespace cong::api
