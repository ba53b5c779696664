// Structured logging: one message plus key=value fields, written in logfmt through spdlog.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace cong::core::log {

struct Field {
    std::string_view key;
    std::string value;
    Field(std::string_view k, std::string v) : key(k), value(std::move(v)) {}
    Field(std::string_view k, std::string_view v) : key(k), value(v) {}
    Field(std::string_view k, const char* v) : key(k), value(v) {}
    template <class Number, class = std::enable_if_t<std::is_arithmetic_v<Number>>>
    Field(std::string_view k, Number v) : key(k), value(std::to_string(v)) {}
};

using Fields = std::initializer_list<Field>;

enum class Level { Debug, Info, Warn, Error };

// Sets the minimum level ("debug", "info", "warn", "error"); unknown names keep "info".
void set_level(std::string_view name);
void write(Level level, std::string_view message, Fields fields);

inline void debug(std::string_view message, Fields fields = {}) { write(Level::Debug, message, fields); }
inline void info(std::string_view message, Fields fields = {}) { write(Level::Info, message, fields); }
inline void warn(std::string_view message, Fields fields = {}) { write(Level::Warn, message, fields); }
inline void error(std::string_view message, Fields fields = {}) { write(Level::Error, message, fields); }

}  // namespace cong::core::log
