// Prometheus text exposition: the lines of one metric, for the collectors that write /metrics.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace cong::core {

// Appends one metric without labels, with its HELP and TYPE lines ("counter", "gauge").
inline void append_metric(std::string& out, std::string_view name, std::string_view type, std::string_view help,
                          std::uint64_t value) {
    out.append("# HELP ").append(name).append(" ").append(help).append("\n# TYPE ");
    out.append(name).append(" ").append(type).append("\n");
    out.append(name).append(" ").append(std::to_string(value)).append("\n");
}

}  // namespace cong::core
