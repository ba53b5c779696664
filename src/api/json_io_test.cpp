#include "api/json_io.hpp"

#include <gtest/gtest.h>

using namespace cong;

TEST(JsonIo, BrokenJsonAndNonObjectsAreInvalidInput) {
    for (const char* body : {"", "{", "{\"title\": \"a\"", "[1,2]", "\"text\"", "{\"a\":1}}", "\xff\xfe"}) {
        auto parsed = api::parse_json_object(body);
        ASSERT_FALSE(parsed) << body;
        EXPECT_EQ(parsed.error().code, core::Errc::InvalidInput) << body;
    }
}

TEST(JsonIo, InvalidUtf8InsideStringsIsRefused) {
    EXPECT_FALSE(api::parse_json_object("{\"title\": \"Th\xc3\"}"));
}

TEST(JsonIo, DeepNestingIsRefusedWithoutCrashing) {
    std::string deep = "{\"a\":" + std::string(100000, '[') + std::string(100000, ']') + "}";
    EXPECT_FALSE(api::parse_json_object(deep));
}

TEST(JsonIo, WrongTypesNameTheField) {
    auto object = api::parse_json_object(R"({"title": 5, "featured": "yes", "cover_media": -3, "published_at": "soon"})");
    ASSERT_TRUE(object);
    auto title = api::string_field(*object, "title");
    ASSERT_FALSE(title);
    EXPECT_EQ(title.error().field, "title");
    EXPECT_FALSE(api::bool_field(*object, "featured"));
    EXPECT_FALSE(api::nullable_id_field(*object, "cover_media"));
    EXPECT_FALSE(api::nullable_time_field(*object, "published_at"));
    EXPECT_FALSE(api::string_field(*object, "missing").value().has_value());
}

TEST(JsonIo, NullClearsAnOptionalId) {
    auto object = api::parse_json_object(R"({"cover_media": null, "other": 7})");
    ASSERT_TRUE(object);
    auto cover = api::nullable_id_field(*object, "cover_media").value();
    ASSERT_TRUE(cover.has_value());
    EXPECT_FALSE(cover->has_value());
    EXPECT_EQ(api::nullable_id_field(*object, "other").value().value().value(), 7);
}

TEST(JsonIo, ErrorsHaveTheContractShape) {
    http::Request request;
    request.path = "/api/v1/users";
    auto response = api::error_response(request, {core::Errc::Conflict, "Tên đăng nhập đã tồn tại", "login"});
    EXPECT_EQ(response.status, 409);
    EXPECT_NE(response.body.find(R"("error":{"code":"conflict","message":"Tên đăng nhập đã tồn tại","field":"login"})"),
              std::string::npos)
        << response.body;
}
