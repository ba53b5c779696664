// Atomic file writes: a file appears complete under its name, or not at all, even across a power cut.
#pragma once

#include "core/result.hpp"

#include <filesystem>
#include <string_view>

namespace cong::media {

// Writes data to a temporary file in path's directory (created when missing), flushes it to disk, then
// renames it over path and flushes the directory. Readers never see a partial file. Internal on I/O failure.
core::Result<void> write_file_atomically(const std::filesystem::path& path, std::string_view data);

}  // namespace cong::media
