// Target CSV: the columns of a plan's targets file and of a period's figures file (the import and export
// themselves are TargetService's, in target_csv.cpp).
#pragma once

#include "targets/csv.hpp"

#include <cstddef>
#include <string_view>

namespace cong::targets {

// Columns of the targets file, in the order the export writes them.
constexpr std::string_view TARGET_CSV_COLUMNS[] = {"code", "name", "group", "unit", "kind", "plan_value", "plan_max",
                                                   "office"};
// Columns of a period's figures file; the import reads code, value and note and ignores the rest.
constexpr std::string_view REPORT_CSV_COLUMNS[] = {"code", "name", "group", "unit", "office", "plan_value", "value",
                                                   "note", "standing"};
// A file with more bad rows than this is named by its first ones: nobody reads further.
constexpr std::size_t MAX_CSV_PROBLEMS = 50;

}  // namespace cong::targets
