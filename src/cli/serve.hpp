// serve: wires storage, services and routes together and runs the HTTP server until a signal.
#pragma once

#include "core/config.hpp"

namespace cong::cli {

int serve_command(const core::Config& config);

}  // namespace cong::cli
