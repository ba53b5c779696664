#include "media/multipart.hpp"

#include <gtest/gtest.h>

#include <string>

namespace cong::media {
namespace {

using namespace std::string_literals;

const std::string CONTENT_TYPE = "multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW";
const std::string DASH = "------WebKitFormBoundary7MA4YWxkTrZu0gW";

// A body as Chromium sends it for a photo upload with a caption.
std::string photo_form(const std::string& disposition_file_part, const std::string& photo_bytes) {
    return DASH + "\r\n"
           "Content-Disposition: form-data; name=\"caption\"\r\n"
           "\r\n"
           "Toàn cảnh hội nghị\r\n" +
           DASH + "\r\n"
           "Content-Disposition: form-data; name=\"file\"; " + disposition_file_part + "\r\n"
           "Content-Type: image/jpeg\r\n"
           "\r\n" +
           photo_bytes + "\r\n" + DASH + "--\r\n";
}

std::vector<FormPart> parse_ok(const std::string& content_type, const std::string& body) {
    auto parts = parse_multipart(content_type, body);
    EXPECT_TRUE(parts.has_value()) << (parts ? "" : parts.error().detail);
    return parts ? *parts : std::vector<FormPart>{};
}

std::string parse_error(const std::string& content_type, const std::string& body) {
    auto parts = parse_multipart(content_type, body);
    EXPECT_FALSE(parts.has_value());
    if (parts) return {};
    EXPECT_EQ(parts.error().code, core::Errc::InvalidInput);
    return parts.error().detail;
}

TEST(Multipart, ParsesAPhotoWithCaptionAsTheSeedPortalNamesThem) {
    // Binary data with bytes that look like line ends and dashes must come through unchanged.
    std::string photo = "\xFF\xD8\xFF\xE0\r\n--\r\n\x00\x01 binary\r\n--not-the-boundary\xFF\xD9"s;
    std::string body = photo_form("filename=\"22 (3).jpg\"", photo);
    auto parts = parse_ok(CONTENT_TYPE, body);
    ASSERT_EQ(parts.size(), 2u);
    EXPECT_EQ(parts[0].name, "caption");
    EXPECT_EQ(parts[0].filename, "");
    EXPECT_EQ(parts[0].content_type, "");
    EXPECT_EQ(parts[0].data, "Toàn cảnh hội nghị");
    EXPECT_EQ(parts[1].name, "file");
    EXPECT_EQ(parts[1].filename, "22 (3).jpg");
    EXPECT_EQ(parts[1].content_type, "image/jpeg");
    EXPECT_EQ(parts[1].data, photo);
    // The data is a view into the body, not a copy.
    EXPECT_GE(parts[1].data.data(), body.data());
    EXPECT_LE(parts[1].data.data() + parts[1].data.size(), body.data() + body.size());
}

TEST(Multipart, KeepsVietnameseFileNames) {
    auto parts = parse_ok(CONTENT_TYPE, photo_form("filename=\"ảnh hội nghị.jpg\"", "x"));
    ASSERT_EQ(parts.size(), 2u);
    EXPECT_EQ(parts[1].filename, "ảnh hội nghị.jpg");
}

TEST(Multipart, PrefersTheRfc5987FileNameWhenGiven) {
    auto parts = parse_ok(CONTENT_TYPE, photo_form("filename=\"anh hoi nghi.jpg\"; "
                                                   "filename*=UTF-8''%E1%BA%A3nh%20h%E1%BB%99i%20ngh%E1%BB%8B.jpg",
                                                   "x"));
    ASSERT_EQ(parts.size(), 2u);
    EXPECT_EQ(parts[1].filename, "ảnh hội nghị.jpg");
}

TEST(Multipart, RefusesAMalformedRfc5987FileName) {
    EXPECT_NE(parse_error(CONTENT_TYPE, photo_form("filename*=UTF-8''%E1%B", "x")).find("filename*"), std::string::npos);
    EXPECT_NE(parse_error(CONTENT_TYPE, photo_form("filename*=%E1%BA%A3", "x")).find("filename*"), std::string::npos);
}

TEST(Multipart, StripsDirectoriesFromFileNames) {
    struct Case {
        std::string disposition;
        std::string expected;
    };
    const Case cases[] = {
        {"filename=\"../../etc/passwd\"", "passwd"},
        {"filename=\"C:\\x\\y.jpg\"", "y.jpg"},          // old browsers send the full Windows path, unescaped
        {"filename=\"C:\\\\x\\\\y.jpg\"", "y.jpg"},      // and careful clients escape the backslashes
        {"filename=\"/home/lan/ảnh/17 (10).jpg\"", "17 (10).jpg"},
        {"filename=\"..\"", ""},
        {"filename=\"say %22cheese%22.jpg\"", "say \"cheese\".jpg"},
        {"filename=\"quoted \\\"name\\\".png\"", "quoted \"name\".png"},
        {"filename=plain.gif", "plain.gif"},
    };
    for (const auto& c : cases) {
        auto parts = parse_ok(CONTENT_TYPE, photo_form(c.disposition, "x"));
        ASSERT_EQ(parts.size(), 2u) << c.disposition;
        EXPECT_EQ(parts[1].filename, c.expected) << c.disposition;
    }
}

TEST(Multipart, AcceptsQuotedBoundariesPreambleAndEmptyData) {
    std::string body = "This is a preamble that clients may send.\r\n"
                       "--simple boundary\r\n"
                       "Content-Disposition: form-data; name=\"alt\"\r\n"
                       "\r\n"
                       "\r\n"
                       "--simple boundary  \r\n"  // transport padding after the boundary
                       "content-disposition: FORM-DATA; NAME=credit\r\n"
                       "\r\n"
                       "Lê Thơ\r\n"
                       "--simple boundary--\r\n"
                       "epilogue";
    auto parts = parse_ok("Multipart/Form-Data; charset=utf-8; boundary=\"simple boundary\"", body);
    ASSERT_EQ(parts.size(), 2u);
    EXPECT_EQ(parts[0].name, "alt");
    EXPECT_EQ(parts[0].data, "");
    EXPECT_EQ(parts[1].name, "credit");
    EXPECT_EQ(parts[1].data, "Lê Thơ");
}

TEST(Multipart, FindsPartsByName) {
    auto parts = parse_ok(CONTENT_TYPE, photo_form("filename=\"a.jpg\"", "x"));
    ASSERT_NE(find_form_part(parts, "file"), nullptr);
    EXPECT_EQ(find_form_part(parts, "file")->filename, "a.jpg");
    EXPECT_EQ(find_form_part(parts, "credit"), nullptr);
}

TEST(Multipart, RefusesContentTypesWithoutAUsableBoundary) {
    std::string body = photo_form("filename=\"a.jpg\"", "x");
    EXPECT_NE(parse_error("multipart/form-data", body).find("thiếu tham số boundary"), std::string::npos);
    EXPECT_NE(parse_error("multipart/form-data; boundary=\"\"", body).find("thiếu tham số boundary"), std::string::npos);
    EXPECT_NE(parse_error("application/json", body).find("multipart/form-data"), std::string::npos);
    EXPECT_NE(parse_error("multipart/form-data; boundary=" + std::string(71, 'a'), body).find("70"), std::string::npos);
    EXPECT_NE(parse_error("multipart/form-data; boundary=\"a<b>\"", body).find("không được phép"), std::string::npos);
    EXPECT_NE(parse_error("multipart/form-data; boundary=\"abc", body).find("không được đóng"), std::string::npos);
}

TEST(Multipart, RefusesABodyWithoutTheBoundary) {
    EXPECT_NE(parse_error(CONTENT_TYPE, "just some text").find("Không tìm thấy boundary"), std::string::npos);
    EXPECT_NE(parse_error(CONTENT_TYPE, "").find("Không tìm thấy boundary"), std::string::npos);
}

TEST(Multipart, RefusesABodyWithoutTheFinalBoundary) {
    std::string complete = photo_form("filename=\"a.jpg\"", "photo");
    std::string without_close = complete.substr(0, complete.size() - 4);  // drop "--\r\n"
    EXPECT_NE(parse_error(CONTENT_TYPE, without_close).find("thiếu boundary kết thúc"), std::string::npos);
    EXPECT_NE(parse_error(CONTENT_TYPE, without_close + "\r\n").find("thiếu boundary kết thúc"), std::string::npos);
}

TEST(Multipart, RefusesATruncatedBody) {
    std::string complete = photo_form("filename=\"a.jpg\"", std::string(1000, 'p'));
    // Cut inside the photo: the file part never ends.
    std::string cut_in_data = complete.substr(0, complete.size() - 500);
    EXPECT_NE(parse_error(CONTENT_TYPE, cut_in_data).find("bị cắt cụt: phần \"file\""), std::string::npos);
    // Cut inside the headers of the file part.
    std::string cut_in_headers = complete.substr(0, complete.find("Content-Type: image/jpeg") + 10);
    EXPECT_NE(parse_error(CONTENT_TYPE, cut_in_headers).find("bị cắt cụt"), std::string::npos);
}

TEST(Multipart, RefusesPartsWithoutAFieldName) {
    std::string no_name = DASH + "\r\nContent-Disposition: form-data; filename=\"a.jpg\"\r\n\r\nx\r\n" + DASH + "--\r\n";
    EXPECT_NE(parse_error(CONTENT_TYPE, no_name).find("thiếu tên trường"), std::string::npos);
    std::string no_disposition = DASH + "\r\nContent-Type: text/plain\r\n\r\nx\r\n" + DASH + "--\r\n";
    EXPECT_NE(parse_error(CONTENT_TYPE, no_disposition).find("thiếu tiêu đề Content-Disposition"), std::string::npos);
    std::string no_headers = DASH + "\r\n\r\nx\r\n" + DASH + "--\r\n";
    EXPECT_NE(parse_error(CONTENT_TYPE, no_headers).find("Content-Disposition"), std::string::npos);
    std::string attachment = DASH + "\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nx\r\n" + DASH + "--\r\n";
    EXPECT_NE(parse_error(CONTENT_TYPE, attachment).find("form-data"), std::string::npos);
    std::string folded = DASH + "\r\nContent-Disposition: form-data;\r\n name=\"a\"\r\n\r\nx\r\n" + DASH + "--\r\n";
    EXPECT_NE(parse_error(CONTENT_TYPE, folded).find("dòng tiêu đề không hợp lệ"), std::string::npos);
}

TEST(Multipart, RefusesMoreThanSixteenParts) {
    auto form_with = [](std::size_t count) {
        std::string body;
        for (std::size_t i = 0; i < count; ++i) {
            body += DASH + "\r\nContent-Disposition: form-data; name=\"f" + std::to_string(i) + "\"\r\n\r\nv\r\n";
        }
        return body + DASH + "--\r\n";
    };
    EXPECT_EQ(parse_ok(CONTENT_TYPE, form_with(MAX_FORM_PARTS)).size(), MAX_FORM_PARTS);
    EXPECT_NE(parse_error(CONTENT_TYPE, form_with(MAX_FORM_PARTS + 1)).find("quá 16 phần"), std::string::npos);
}

TEST(Multipart, RefusesOversizedPartHeaders) {
    std::string long_header = "X-Padding: " + std::string(MAX_PART_HEADER_BYTES, 'a') + "\r\n";
    std::string body = DASH + "\r\n" + long_header + "Content-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n" + DASH + "--\r\n";
    EXPECT_NE(parse_error(CONTENT_TYPE, body).find("8 KiB"), std::string::npos);
    // Without an end of headers anywhere in a long body, the limit is reported rather than truncation.
    std::string endless = DASH + "\r\n" + std::string(MAX_PART_HEADER_BYTES + 10, 'h');
    EXPECT_NE(parse_error(CONTENT_TYPE, endless).find("8 KiB"), std::string::npos);
}

TEST(Multipart, RefusesAFormWithNoParts) {
    EXPECT_NE(parse_error(CONTENT_TYPE, DASH + "--\r\n").find("không có phần nào"), std::string::npos);
}

}  // namespace
}  // namespace cong::media
