#include "targets/csv.hpp"

#include "core/vietnamese.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace cong::targets {
namespace {

using core::Errc;
using core::Error;
using core::Result;

Error at_line(int line, const std::string& message) {
    return Error{Errc::InvalidInput, "Dòng " + std::to_string(line) + ": " + message, "csv"};
}

// The line (from 1) holding byte offset in text.
int line_of(std::string_view text, std::size_t offset) {
    return 1 + int(std::count(text.begin(), text.begin() + std::ptrdiff_t(std::min(offset, text.size())), '\n'));
}

// The separator is the one the first record uses more of outside quotes; a file of one column is ','.
char detect_separator(std::string_view text) {
    while (!text.empty() && (text.front() == '\r' || text.front() == '\n')) text.remove_prefix(1);
    std::size_t commas = 0;
    std::size_t semicolons = 0;
    bool quoted = false;
    for (char c : text) {
        if (c == '"') quoted = !quoted;
        if (quoted) continue;
        if (c == '\n' || c == '\r') break;
        if (c == ',') ++commas;
        if (c == ';') ++semicolons;
    }
    return semicolons > commas ? ';' : ',';
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

bool formula_start(char c) { return c == '=' || c == '+' || c == '-' || c == '@'; }

// Apostrophes followed by = + - @: the cells append_csv_record writes with one apostrophe more.
bool formula_like(std::string_view cell) {
    std::size_t quotes = cell.find_first_not_of('\'');
    return quotes != std::string_view::npos && formula_start(cell[quotes]);
}

}  // namespace

std::string_view unescape_cell(std::string_view cell) {
    if (!cell.empty() && cell[0] == '\'' && formula_like(cell)) return cell.substr(1);
    return cell;
}

Result<CsvTable> parse_csv(std::string_view text) {
    if (text.size() > MAX_CSV_BYTES)
        return Error{Errc::PayloadTooLarge,
                     "Tệp CSV quá lớn (tối đa " + std::to_string(MAX_CSV_BYTES / (1024 * 1024)) + " MB)", "csv"};
    if (text.starts_with(UTF8_BOM)) text.remove_prefix(UTF8_BOM.size());
    if (!core::is_valid_utf8(text)) {
        // Name the first line with a bad byte: '\n' is never part of a multi-byte sequence, so lines are
        // checked one by one.
        int line = 1;
        std::size_t begin = 0;
        while (begin <= text.size()) {
            std::size_t end = std::min(text.find('\n', begin), text.size());
            if (!core::is_valid_utf8(text.substr(begin, end - begin))) break;
            begin = end + 1;
            ++line;
        }
        return at_line(line, "tệp không phải văn bản UTF-8 (hãy lưu từ Excel bằng \"CSV UTF-8 (Comma delimited)\")");
    }
    if (auto nul = text.find('\0'); nul != std::string_view::npos)
        return at_line(line_of(text, nul), "tệp chứa ký tự NUL, không phải tệp CSV");

    CsvTable table;
    table.separator = detect_separator(text);
    const char separator = table.separator;
    int line = 1;
    std::size_t i = 0;
    while (i < text.size()) {
        CsvRecord record;
        record.line = line;
        std::string field;
        bool record_done = false;
        bool any_content = false;
        while (!record_done) {
            field.clear();
            bool quoted = i < text.size() && text[i] == '"';
            if (quoted) {
                any_content = true;
                ++i;
                int opened_on = line;
                while (true) {
                    if (i >= text.size()) return at_line(opened_on, "dấu ngoặc kép mở nhưng không đóng");
                    char c = text[i];
                    if (c == '"') {
                        if (i + 1 < text.size() && text[i + 1] == '"') {
                            field += '"';
                            i += 2;
                            continue;
                        }
                        ++i;
                        break;
                    }
                    if (c == '\n') ++line;
                    field += c;
                    ++i;
                    if (field.size() > MAX_CSV_FIELD_BYTES)
                        return at_line(opened_on, "một ô dài quá " + std::to_string(MAX_CSV_FIELD_BYTES) + " byte");
                }
                if (i < text.size() && text[i] != separator && text[i] != '\r' && text[i] != '\n')
                    return at_line(line, "có ký tự sau dấu ngoặc kép đóng; ô có ngoặc kép phải kết thúc ở đó");
            } else {
                while (i < text.size() && text[i] != separator && text[i] != '\r' && text[i] != '\n') {
                    if (text[i] == '"')
                        return at_line(line, "dấu ngoặc kép giữa ô; ô chứa ngoặc kép phải được đặt trong ngoặc kép");
                    field += text[i];
                    ++i;
                }
                if (field.size() > MAX_CSV_FIELD_BYTES)
                    return at_line(line, "một ô dài quá " + std::to_string(MAX_CSV_FIELD_BYTES) + " byte");
                if (!field.empty()) any_content = true;
            }
            record.fields.push_back(field);
            if (record.fields.size() > MAX_CSV_FIELDS)
                return at_line(record.line, "quá " + std::to_string(MAX_CSV_FIELDS) + " cột");
            if (i >= text.size()) {
                record_done = true;
            } else if (text[i] == separator) {
                any_content = true;
                ++i;
            } else {
                if (text[i] == '\r') ++i;
                if (i < text.size() && text[i] == '\n') ++i;
                ++line;
                record_done = true;
            }
        }
        if (!any_content) continue;  // a blank line
        table.records.push_back(std::move(record));
        if (table.records.size() > MAX_CSV_RECORDS)
            return Error{Errc::PayloadTooLarge,
                         "Tệp CSV có quá " + std::to_string(MAX_CSV_RECORDS - 1) + " dòng số liệu", "csv"};
    }
    return table;
}

std::optional<double> parse_csv_number(std::string_view cell, char separator) {
    cell = trim(cell);
    if (cell.empty() || cell.size() > 40) return std::nullopt;
    std::string plain;
    std::size_t start = cell[0] == '-' ? 1 : 0;
    if (start == cell.size()) return std::nullopt;
    if (separator == ';') {
        // Vietnamese: "1.234.567,5". Dots only between groups of three digits, at most one comma after them.
        auto comma = cell.find(',');
        std::string_view whole = cell.substr(start, comma == std::string_view::npos ? std::string_view::npos
                                                                                    : comma - start);
        std::string_view fraction = comma == std::string_view::npos ? std::string_view{} : cell.substr(comma + 1);
        if (whole.empty() || (comma != std::string_view::npos && fraction.empty())) return std::nullopt;
        std::size_t group_start = 0;
        bool first = true;
        while (true) {
            auto dot = whole.find('.', group_start);
            std::string_view group = whole.substr(group_start, dot == std::string_view::npos ? std::string_view::npos
                                                                                             : dot - group_start);
            if (group.empty() || (!first && group.size() != 3) || (first && dot != std::string_view::npos &&
                                                                   group.size() > 3))
                return std::nullopt;
            plain += group;
            first = false;
            if (dot == std::string_view::npos) break;
            group_start = dot + 1;
        }
        if (!fraction.empty()) plain += "." + std::string(fraction);
    } else {
        plain = std::string(cell.substr(start));
    }
    // Digits and one decimal point: no exponents, no "inf", no hexadecimal.
    if (std::count(plain.begin(), plain.end(), '.') > 1) return std::nullopt;
    if (plain.front() == '.' || plain.back() == '.') return std::nullopt;
    if (!std::all_of(plain.begin(), plain.end(), [](char c) { return (c >= '0' && c <= '9') || c == '.'; }))
        return std::nullopt;
    double value = 0;
    auto [end, ec] = std::from_chars(plain.data(), plain.data() + plain.size(), value);
    if (ec != std::errc{} || end != plain.data() + plain.size() || !std::isfinite(value)) return std::nullopt;
    return start == 1 ? -value : value;
}

std::string csv_number(double value) {
    char buffer[64];
    // Fixed notation, shortest digits: a spreadsheet never sees "1e+12".
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed);
    if (ec != std::errc{}) return "0";
    return std::string(buffer, end);
}

void append_csv_record(std::string& out, const std::vector<std::string>& fields, char separator) {
    // One empty field alone would be a blank line, which readers skip.
    if (fields.size() == 1 && fields[0].empty()) {
        out += "\"\"\r\n";
        return;
    }
    bool first = true;
    for (const auto& field : fields) {
        if (!first) out += separator;
        first = false;
        std::string cell = formula_like(field) ? "'" + field : field;
        // Both separators are quoted: the reader finds the separator by counting them in the first record.
        if (cell.find_first_of(",;\"\r\n") == std::string::npos) {
            out += cell;
            continue;
        }
        out += '"';
        for (char c : cell) {
            if (c == '"') out += '"';
            out += c;
        }
        out += '"';
    }
    out += "\r\n";
}

}  // namespace cong::targets
