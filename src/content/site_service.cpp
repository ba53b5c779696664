#include "content/site_service.hpp"

#include <cctype>

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

core::Result<void> update_site(storage::Database& db, const model::Site& input, core::ChangeListener* listener) {
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
    auto updated = db.write([&](storage::Tx& tx) { return tx.sites().update_site(site); });
    if (updated && listener) listener->content_changed({core::site_tag(site.id)});
    return updated;
}

}  // namespace cong::content
