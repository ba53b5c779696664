// Site: one portal (the province's, or a commune's) served by this installation.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace cong::model {

struct Site {
    std::int64_t id = 0;
    std::string name;    // "Cổng thông tin điện tử huyện Thọ Xuân - Thanh Hóa"
    std::string slogan;  // the banner line under the name
    std::string host;    // "thoxuan.thanhhoa.gov.vn"; empty for the default site
    std::string owner;   // the agency responsible, shown in the footer as the law asks
    std::string address;
    std::string phone;
    std::string email;
    std::string responsible_person;  // "Chịu trách nhiệm chính": the official who answers for the content
    std::string licence;             // the operating licence line, e.g. "Giấy phép số 12/GP-TTĐT …"
    std::optional<std::int64_t> logo_media_id;  // a photo of the media library, shown in the public header
    // The public site's colours as "#rrggbb" (lower case); empty: the built-in colours of assets/site.css.
    std::string primary_colour;  // the banner, menu and headings
    std::string accent_colour;   // highlights on the dark primary colour
};

}  // namespace cong::model
