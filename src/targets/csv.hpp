// CSV: the comma- or semicolon-separated text that spreadsheets (Excel in Vietnamese, LibreOffice) read and
// write, parsed with each record's line number so a refusal can name the line, and written back for Excel.
#pragma once

#include "core/result.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cong::targets {

// A plan's CSV is a few hundred rows of short fields; anything much larger is not one.
constexpr std::size_t MAX_CSV_BYTES = 2 * 1024 * 1024;
constexpr std::size_t MAX_CSV_RECORDS = 1000;  // the header included
constexpr std::size_t MAX_CSV_FIELDS = 30;
constexpr std::size_t MAX_CSV_FIELD_BYTES = 4000;

struct CsvRecord {
    int line = 0;  // the line of the file the record starts on, from 1 (the header is usually line 1)
    std::vector<std::string> fields;
};

struct CsvTable {
    char separator = ',';  // ',' or ';', as found in the first record
    std::vector<CsvRecord> records;  // blank lines are skipped
};

// RFC 4180 as spreadsheets write it: an optional UTF-8 BOM, ',' or ';' (whichever the first record has more
// of outside quotes), fields quoted with '"' where "" is a quote and separators and line breaks are text,
// CRLF or LF. InvalidInput in Vietnamese, naming the line, for: invalid UTF-8, a NUL byte, a quote that is
// never closed, text after a closing quote, and the limits above (PayloadTooLarge for MAX_CSV_BYTES).
core::Result<CsvTable> parse_csv(std::string_view text);

// Appends one record, CRLF-terminated: a field is quoted when it holds the separator, a quote or a line break.
// A field that starts with = + - @ gets a leading apostrophe so a spreadsheet shows it as text and never runs it
// as a formula; unescape_cell() takes it off again on import, so an export reads back unchanged.
void append_csv_record(std::string& out, const std::vector<std::string>& fields, char separator = ',');

// A cell as written by append_csv_record back to its text: "'=A1" → "=A1"; anything else unchanged.
std::string_view unescape_cell(std::string_view cell);

// A figure as a spreadsheet wrote it. In a comma-separated file the decimal mark is '.' ("1250.5"); in a
// semicolon-separated one, as Excel writes in Vietnamese, it is ',' and '.' groups thousands ("1.250,5").
// Spaces around are ignored; nullopt for anything else (letters, "1,5" in a comma file, "1.5" in a
// semicolon file, a grouping that is not by three).
std::optional<double> parse_csv_number(std::string_view cell, char separator);

// The shortest text that parse_csv_number(…, ',') reads back as exactly value: "1250.5", "0.075", "1200".
std::string csv_number(double value);

// The UTF-8 byte order mark Excel needs to read a CSV file as UTF-8.
constexpr std::string_view UTF8_BOM = "\xEF\xBB\xBF";

}  // namespace cong::targets
