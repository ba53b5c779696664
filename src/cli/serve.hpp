// serve: wires storage, services and routes together and runs the HTTP server until a signal.
#pragma once

#include "core/config.hpp"

#include <string>

namespace cong::cli {

// media_dir: where photos are kept; on PostgreSQL a directory every node shares.
int serve_command(const core::Config& config, const std::string& media_dir);

}  // namespace cong::cli
