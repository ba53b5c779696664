// EmbeddedAsset: one file of assets/ compiled into the binary; the table is generated at build time.
#pragma once

#include <span>
#include <string_view>

namespace cong::site::detail {

struct EmbeddedAsset {
    std::string_view logical_name;  // "site.css"
    std::string_view url;           // "/static/site.1a2b3c4d.css"
    std::string_view bytes;
};

// Defined in the source that src/site/embed_assets.cmake writes into the build tree.
std::span<const EmbeddedAsset> embedded_assets();

}  // namespace cong::site::detail
