#include "api/ocop_api.hpp"

#include "api/json_io.hpp"

#include <boost/json.hpp>

#include <algorithm>

namespace cong::api {
namespace {

using core::Errc;
using core::Error;
using core::Result;
namespace json = boost::json;

Error wrong_type(std::string_view name, std::string_view expected) {
    return Error{Errc::InvalidInput, "Trường \"" + std::string(name) + "\" phải là " + std::string(expected),
                 std::string(name)};
}

Result<int> required_int(const json::object& object, std::string_view name, int min, int max) {
    auto it = object.find(name);
    if (it != object.end() && it->value().is_int64() && it->value().as_int64() >= min && it->value().as_int64() <= max)
        return int(it->value().as_int64());
    return wrong_type(name, "một số nguyên từ " + std::to_string(min) + " đến " + std::to_string(max));
}

json::object product_json(const model::OcopProduct& p) {
    json::array media;
    for (auto id : p.media_ids) media.push_back(id);
    return json::object{
        {"id", p.id},
        {"slug", p.slug},
        {"url", "/ocop/" + p.slug},
        {"name", p.name},
        {"stars", p.stars},
        {"producer", p.producer},
        {"commune_id", p.commune_id ? json::value(*p.commune_id) : json::value(nullptr)},
        {"commune", p.commune_name},
        {"group", p.group_code},
        {"group_name", model::ocop_group_name(p.group_code)},
        {"year_recognised", p.year_recognised},
        {"decision_ref", p.decision_ref},
        {"description", p.description},
        {"demo", p.demo},
        {"media", std::move(media)},
        {"updated_at", core::format_rfc3339(p.updated_at)},
    };
}

Result<targets::OcopProductInput> read_input(const json::object& body) {
    for (const auto& field : body) {
        static constexpr std::string_view KNOWN[] = {"name",   "slug",     "stars",           "producer",
                                                     "group",  "commune_id", "year_recognised", "decision_ref",
                                                     "description", "demo", "media"};
        if (std::find(std::begin(KNOWN), std::end(KNOWN), std::string_view(field.key())) == std::end(KNOWN))
            return Error{Errc::InvalidInput, "Trường không được hỗ trợ", std::string(field.key().substr(0, 40))};
    }
    targets::OcopProductInput input;
    CONG_TRY(name, string_field(body, "name"));
    CONG_TRY(slug, string_field(body, "slug"));
    CONG_TRY(stars, required_int(body, "stars", 3, 5));
    CONG_TRY(producer, string_field(body, "producer"));
    CONG_TRY(group, string_field(body, "group"));
    CONG_TRY(commune, nullable_id_field(body, "commune_id"));
    CONG_TRY(year, required_int(body, "year_recognised", 2018, 2100));
    CONG_TRY(decision, string_field(body, "decision_ref"));
    CONG_TRY(description, string_field(body, "description"));
    CONG_TRY(demo, bool_field(body, "demo"));
    input.name = name.value_or("");
    input.slug = slug.value_or("");
    input.stars = stars;
    input.producer = producer.value_or("");
    input.group_code = group.value_or("");
    if (commune && *commune) input.commune_id = **commune;
    input.year_recognised = year;
    input.decision_ref = decision.value_or("");
    input.description = description.value_or("");
    input.demo = demo.value_or(false);
    if (auto media = body.find("media"); media != body.end()) {
        if (!media->value().is_array()) return wrong_type("media", "một mảng mã ảnh");
        const auto& ids = media->value().as_array();
        if (ids.size() > targets::MAX_OCOP_PHOTOS)
            return Error{Errc::InvalidInput, "Tối đa " + std::to_string(targets::MAX_OCOP_PHOTOS) + " ảnh", "media"};
        for (const auto& id : ids) {
            if (!id.is_int64() || id.as_int64() <= 0) return wrong_type("media", "một mảng mã ảnh (số nguyên dương)");
            input.media_ids.push_back(id.as_int64());
        }
    }
    return input;
}

}  // namespace

std::optional<http::Response> OcopApi::refuse_unauthenticated(const http::Request& request) {
    return credentials.refuse_unauthenticated(request);
}

http::Response OcopApi::list_products(const http::Request& request) {
    targets::OcopFilter filter;
    if (auto stars = request.query_param("stars"); stars && !stars->empty()) {
        if (*stars != "3" && *stars != "4" && *stars != "5")
            return error_response(request, {Errc::InvalidInput, "stars phải là 3, 4 hoặc 5", "stars"});
        filter.stars = (*stars)[0] - '0';
    }
    if (auto group = request.query_param("group"); group && !group->empty()) {
        if (model::ocop_group_name(*group).empty())
            return error_response(request, {Errc::InvalidInput, "Nhóm sản phẩm không hợp lệ", "group"});
        filter.group_code = *group;
    }
    if (auto commune = request.query_param("commune_id"); commune && !commune->empty()) {
        auto id = parse_id(*commune);
        if (!id) return error_response(request, {Errc::InvalidInput, "commune_id phải là số nguyên dương", "commune_id"});
        filter.commune_id = *id;
    }
    auto products = ocop.list(filter);
    if (!products) return error_response(request, products.error());
    json::array out;
    for (const auto& p : *products) out.push_back(product_json(p));
    return json_response(json::object{{"products", std::move(out)}});
}

http::Response OcopApi::show_product(const http::Request& request) {
    auto id = parse_id(request.param("id"));
    if (!id) return error_response(request, {Errc::NotFound, "Không tìm thấy sản phẩm OCOP"});
    auto product = ocop.find(*id);
    if (!product) return error_response(request, product.error());
    if (!*product) return error_response(request, {Errc::NotFound, "Không tìm thấy sản phẩm OCOP"});
    return json_response(product_json(**product));
}

http::Response OcopApi::create_product(const http::Request& request) {
    auto user = credentials.authenticate(request);
    if (!user) return error_response(request, user.error());
    auto body = parse_json_object(request.body);
    if (!body) return error_response(request, body.error());
    auto input = read_input(*body);
    if (!input) return error_response(request, input.error());
    auto product = ocop.create(*input, *user, request.remote_address);
    if (!product) return error_response(request, product.error());
    return json_response(product_json(*product), 201);
}

http::Response OcopApi::update_product(const http::Request& request) {
    auto user = credentials.authenticate(request);
    if (!user) return error_response(request, user.error());
    auto id = parse_id(request.param("id"));
    if (!id) return error_response(request, {Errc::NotFound, "Không tìm thấy sản phẩm OCOP"});
    auto body = parse_json_object(request.body);
    if (!body) return error_response(request, body.error());
    auto input = read_input(*body);
    if (!input) return error_response(request, input.error());
    auto product = ocop.update(*id, *input, *user, request.remote_address);
    if (!product) return error_response(request, product.error());
    return json_response(product_json(*product));
}

}  // namespace cong::api
