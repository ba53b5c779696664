#include "media/vips_support.hpp"

#include "core/log.hpp"

#include <mutex>
#include <stdexcept>

namespace cong::media {
namespace {

// libvips reports recoverable trouble (a damaged tile, an odd chunk) as GLib warnings on stderr.
// The upload path already turns real failures into errors, so the warnings go to the debug log.
void log_vips_warning(const gchar* domain, GLogLevelFlags, const gchar* message, gpointer) {
    core::log::debug("libvips warning", {{"domain", domain != nullptr ? domain : ""},
                                         {"message", message != nullptr ? message : ""}});
}

}  // namespace

void ensure_vips_started() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (VIPS_INIT("cong") != 0) throw std::runtime_error("libvips failed to start: " + take_vips_error());
        // The operation cache would keep references to upload buffers that the server frees after
        // each request, and a portal never loads the same buffer twice: caching only costs memory.
        vips_cache_set_max(0);
        // Loaders that libvips marks untrusted (ImageMagick, matrix, …) parse formats we never accept;
        // blocking them keeps their attack surface out of reach even if a code path forgot to check.
        vips_block_untrusted_set(TRUE);
        g_log_set_handler("VIPS", static_cast<GLogLevelFlags>(G_LOG_LEVEL_WARNING | G_LOG_LEVEL_MESSAGE),
                          log_vips_warning, nullptr);
    });
}

std::string take_vips_error() {
    std::unique_ptr<char, GFree> text{vips_error_buffer_copy()};
    return text ? std::string{text.get()} : std::string{};
}

}  // namespace cong::media
