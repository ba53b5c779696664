#include "core/log.hpp"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

namespace cong::core::log {
namespace {

// Logs go to standard error so that commands such as `token create` keep standard output for their result.
spdlog::logger& logger() {
    static auto instance = [] {
        auto l = spdlog::stderr_logger_mt("cong");
        l->set_pattern("%Y-%m-%dT%H:%M:%S.%e%z level=%l %v");
        return l;
    }();
    return *instance;
}

void append_value(std::string& out, std::string_view value) {
    bool quote = value.empty() || value.find_first_of(" \"=\t\n") != std::string_view::npos;
    if (!quote) {
        out += value;
        return;
    }
    out += '"';
    for (char c : value) {
        if (c == '"' || c == '\\') out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    out += '"';
}

}  // namespace

void set_level(std::string_view name) {
    auto level = spdlog::level::info;
    if (name == "debug") level = spdlog::level::debug;
    if (name == "warn") level = spdlog::level::warn;
    if (name == "error") level = spdlog::level::err;
    logger().set_level(level);
}

void write(Level level, std::string_view message, Fields fields) {
    auto spd = level == Level::Debug ? spdlog::level::debug
               : level == Level::Info ? spdlog::level::info
               : level == Level::Warn ? spdlog::level::warn
                                      : spdlog::level::err;
    if (!logger().should_log(spd)) return;
    std::string line = "msg=";
    append_value(line, message);
    for (const auto& field : fields) {
        line += ' ';
        line += field.key;
        line += '=';
        append_value(line, field.value);
    }
    logger().log(spd, line);
}

}  // namespace cong::core::log
