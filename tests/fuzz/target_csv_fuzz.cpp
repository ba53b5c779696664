// libFuzzer target for the CSV files offices upload (targets/csv): any bytes are parsed or refused without a
// crash; what is accepted holds to the limits, and writing its records back (as the export does) and parsing
// again gives the same cells; every cell read as a figure prints back to the same figure.
#include "targets/csv.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

using namespace cong;

void check(bool ok, const char* what) {
    if (!ok) {
        std::fprintf(stderr, "property broken: %s\n", what);
        std::abort();
    }
}

void check_figure_round_trip(std::string_view cell, char separator) {
    auto value = targets::parse_csv_number(cell, separator);
    if (!value) return;
    check(*value == *value, "a figure is a number, never NaN");
    // Figures beyond the largest a plan accepts are refused later; below it every digit must survive.
    if (*value > 1e12 || *value < -1e12) return;
    auto text = targets::csv_number(*value);
    auto again = targets::parse_csv_number(text, ',');
    check(again && *again == *value, "an exported figure reads back as the same figure");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // A copy, so the sanitizer sees reads past the end.
    const std::string input(reinterpret_cast<const char*>(data), size);
    auto table = targets::parse_csv(input);
    if (!table) {
        check(!table.error().detail.empty(), "a refusal says why");
        return 0;
    }
    check(table->separator == ',' || table->separator == ';', "the separator is a comma or a semicolon");
    check(table->records.size() <= targets::MAX_CSV_RECORDS, "at most MAX_CSV_RECORDS records");
    int previous_line = 0;
    for (const auto& record : table->records) {
        check(record.line > previous_line, "records start on increasing lines");
        previous_line = record.line;
        check(!record.fields.empty() && record.fields.size() <= targets::MAX_CSV_FIELDS, "1 to MAX_CSV_FIELDS cells");
        for (const auto& field : record.fields) {
            check(field.size() <= targets::MAX_CSV_FIELD_BYTES, "a cell holds at most MAX_CSV_FIELD_BYTES");
            check_figure_round_trip(field, table->separator);
        }
    }

    std::string written(targets::UTF8_BOM);
    for (const auto& record : table->records) targets::append_csv_record(written, record.fields, table->separator);
    auto again = targets::parse_csv(written);
    check(bool(again), "what was accepted and written back is accepted again");
    check(again->records.size() == table->records.size(), "the same number of records");
    for (std::size_t r = 0; r < table->records.size(); ++r) {
        const auto& before = table->records[r].fields;
        const auto& after = again->records[r].fields;
        check(before.size() == after.size(), "the same number of cells");
        for (std::size_t f = 0; f < before.size(); ++f) {
            // The export guards cells that start like a formula with an apostrophe; the import takes it off.
            check(targets::unescape_cell(after[f]) == std::string_view(before[f]), "every cell reads back unchanged");
        }
    }
    return 0;
}
