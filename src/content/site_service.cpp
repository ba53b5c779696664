#include "content/site_service.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <string>

#include "core/text_field.hpp"

namespace cong::content {

core::Result<std::int64_t> default_site_id(storage::Database& db) {
    return db.read([](storage::Tx& tx) -> core::Result<std::int64_t> {
        CONG_TRY(sites, tx.sites().list_sites());
        if (sites.empty()) return core::Error{core::Errc::NotFound, "no site yet: run `cong init`"};
        return sites.front().id;
    });
}

core::Result<model::Site> find_site(storage::Database& db, std::int64_t site_id) {
    return db.read([&](storage::Tx& tx) -> core::Result<model::Site> {
        CONG_TRY(site, tx.sites().find_site(site_id));
        if (!site) return core::Error{core::Errc::NotFound, "no such site"};
        return std::move(*site);
    });
}

core::Result<std::int64_t> ensure_default_site(storage::Database& db) {
    return db.write([](storage::Tx& tx) -> core::Result<std::int64_t> {
        CONG_TRY(sites, tx.sites().list_sites());
        if (!sites.empty()) return sites.front().id;
        model::Site site;
        site.name = "Cổng thông tin điện tử";
        site.slogan = "";
        site.owner = "Ủy ban nhân dân";
        return tx.sites().insert_site(site);
    });
}

core::Result<std::string> normalise_colour(std::string_view input, const char* field, const char* label) {
    std::string colour;
    for (char c : input)
        if (c != ' ' && c != '\t') colour += char(std::tolower(static_cast<unsigned char>(c)));
    if (colour.empty()) return colour;
    bool valid = colour.size() == 7 && colour[0] == '#' &&
                 std::all_of(colour.begin() + 1, colour.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); });
    if (!valid)
        return core::Error{core::Errc::InvalidInput,
                           std::string(label) + " phải là mã màu dạng #rrggbb (ví dụ #9b111e)", field};
    return colour;
}

namespace {

double relative_luminance(std::string_view colour) {
    auto channel = [&](std::size_t at) {
        double value = std::stoi(std::string(colour.substr(at, 2)), nullptr, 16) / 255.0;
        return value <= 0.04045 ? value / 12.92 : std::pow((value + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

std::string ratio_text(double ratio) {
    auto tenths = static_cast<long>(ratio * 10);
    return std::to_string(tenths / 10) + "," + std::to_string(tenths % 10) + ":1";
}

// The public pages must stay readable (WCAG AA): refuse colours that would make their text too faint.
core::Result<void> check_contrast(const model::Site& site) {
    std::string primary = site.primary_colour.empty() ? std::string(DEFAULT_PRIMARY_COLOUR) : site.primary_colour;
    std::string accent = site.accent_colour.empty() ? std::string(DEFAULT_ACCENT_COLOUR) : site.accent_colour;
    if (double ratio = contrast_ratio(primary, "#ffffff"); ratio < MIN_TEXT_CONTRAST)
        return core::Error{core::Errc::InvalidInput,
                           "Màu chủ đạo quá sáng: chữ trắng trên nền màu này chỉ đạt độ tương phản " + ratio_text(ratio) +
                               ", cần ít nhất 4,5:1",
                           "primary_colour"};
    if (double ratio = contrast_ratio(accent, primary); ratio < MIN_TEXT_CONTRAST)
        return core::Error{core::Errc::InvalidInput,
                           "Màu nhấn quá gần màu chủ đạo: chữ màu nhấn trên nền màu chủ đạo chỉ đạt độ tương phản " +
                               ratio_text(ratio) + ", cần ít nhất 4,5:1",
                           "accent_colour"};
    return {};
}

core::Result<void> update_site_as(storage::Database& db, const model::Site& input, const audit::Actor* actor,
                                  core::ChangeListener* listener) {
    model::Site site = input;
    struct Field {
        std::string* value;
        std::size_t max_chars;
        core::Required required;
        const char* field;
        const char* label;
    };
    for (const auto& f : {Field{&site.name, 200, core::Required::Yes, "name", "Tên trang"},
                          Field{&site.slogan, 400, core::Required::No, "slogan", "Khẩu hiệu"},
                          Field{&site.owner, 200, core::Required::No, "owner", "Cơ quan chủ quản"},
                          Field{&site.address, 300, core::Required::No, "address", "Địa chỉ"},
                          Field{&site.phone, 50, core::Required::No, "phone", "Điện thoại"},
                          Field{&site.email, 200, core::Required::No, "email", "Thư điện tử"},
                          Field{&site.responsible_person, 200, core::Required::No, "responsible_person",
                                "Người chịu trách nhiệm chính"},
                          Field{&site.licence, 300, core::Required::No, "licence", "Giấy phép"}}) {
        CONG_TRY(clean, core::clean_text_field(*f.value, f.max_chars, f.required, core::LineBreaks::Refused, f.field, f.label));
        *f.value = std::move(clean);
    }
    // The host goes into absolute links of feeds and the sitemap: a plain DNS name, nothing else.
    for (auto& c : site.host) c = char(std::tolower(static_cast<unsigned char>(c)));
    auto plain_host = [](const std::string& host) {
        if (host.size() > 253 || host.front() == '.' || host.back() == '.' || host.front() == '-' ||
            host.find("..") != std::string::npos)
            return false;
        for (char c : host)
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-')) return false;
        return true;
    };
    if (!site.host.empty() && !plain_host(site.host))
        return core::Error{core::Errc::InvalidInput, "Tên miền không hợp lệ (ví dụ: thoxuan.thanhhoa.gov.vn)", "host"};
    CONG_TRY(primary, normalise_colour(site.primary_colour, "primary_colour", "Màu chủ đạo"));
    CONG_TRY(accent, normalise_colour(site.accent_colour, "accent_colour", "Màu nhấn"));
    site.primary_colour = std::move(primary);
    site.accent_colour = std::move(accent);
    CONG_TRY_VOID(check_contrast(site));
    auto updated = db.write([&](storage::Tx& tx) -> core::Result<void> {
        if (site.logo_media_id) {
            CONG_TRY(logo, tx.media().find_media(*site.logo_media_id));
            if (!logo || logo->site_id != site.id)
                return core::Error{core::Errc::InvalidInput, "Ảnh logo không có trong thư viện ảnh của cổng", "logo_media_id"};
        }
        CONG_TRY_VOID(tx.sites().update_site(site));
        if (!actor) return {};
        return audit::record(tx, *actor,
                             {.action = "site.update", .object_type = "site", .object_id = site.id,
                              .site_id = site.id, .detail = "Cập nhật cài đặt cổng: " + site.name});
    });
    if (updated && listener) listener->content_changed({core::site_tag(site.id)});
    return updated;
}

}  // namespace

double contrast_ratio(std::string_view colour_a, std::string_view colour_b) {
    double a = relative_luminance(colour_a);
    double b = relative_luminance(colour_b);
    return (std::max(a, b) + 0.05) / (std::min(a, b) + 0.05);
}

core::Result<void> update_site(storage::Database& db, const model::Site& site, core::ChangeListener* listener) {
    return update_site_as(db, site, nullptr, listener);
}

core::Result<void> update_site(storage::Database& db, const model::Site& site, const audit::Actor& actor,
                               core::ChangeListener* listener) {
    return update_site_as(db, site, &actor, listener);
}

}  // namespace cong::content
