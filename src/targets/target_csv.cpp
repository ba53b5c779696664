#include "targets/target_csv.hpp"

#include "audit/audit_log.hpp"
#include "core/text_field.hpp"
#include "targets/csv.hpp"
#include "targets/target_service.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>

namespace cong::targets {
namespace {

using core::Errc;
using core::Error;
using core::Result;

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

std::string lower_ascii(std::string_view text) {
    std::string out(text);
    for (auto& c : out)
        if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    return out;
}

// The bad rows of one file, each named by line and column, told in line order.
class Problems {
public:
    void add(int line, std::string_view column, std::string_view message, bool forbidden = false) {
        forbidden_ = forbidden_ || forbidden;
        if (lines_.size() >= MAX_CSV_PROBLEMS) {
            more_ = true;
            return;
        }
        std::string text = "Dòng " + std::to_string(line);
        if (!column.empty()) text += ", cột " + std::string(column);
        lines_.emplace_back(line, text + ": " + std::string(message));
    }
    bool empty() const { return lines_.empty(); }
    // One problem per line of the detail; Forbidden when a row asked for what the user may not do.
    Error error() const {
        auto sorted = lines_;
        std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        std::string detail;
        for (const auto& [line, text] : sorted) detail += (detail.empty() ? "" : "\n") + text;
        if (more_) detail += "\n(và các dòng sau đó; chưa dòng nào được nhập)";
        return Error{forbidden_ ? Errc::Forbidden : Errc::InvalidInput, detail, "csv"};
    }

private:
    std::vector<std::pair<int, std::string>> lines_;
    bool forbidden_ = false;
    bool more_ = false;
};

// Where each named column sits in the header; missing required ones are problems of line 1.
struct Header {
    std::map<std::string, std::size_t> index;
    int line = 1;

    std::string_view cell(const CsvRecord& record, std::string_view column) const {
        auto it = index.find(std::string(column));
        if (it == index.end() || it->second >= record.fields.size()) return {};
        return trim(unescape_cell(record.fields[it->second]));
    }
    bool has(std::string_view column) const { return index.count(std::string(column)) > 0; }
};

Result<std::pair<CsvTable, Header>> read_table(std::string_view csv, std::initializer_list<std::string_view> required) {
    CONG_TRY(table, parse_csv(csv));
    if (table.records.empty()) return Error{Errc::InvalidInput, "Tệp CSV không có dòng nào", "csv"};
    Header header;
    header.line = table.records.front().line;
    Problems problems;
    const auto& names = table.records.front().fields;
    for (std::size_t i = 0; i < names.size(); ++i) {
        std::string name = lower_ascii(trim(names[i]));
        if (name.empty()) continue;
        if (!header.index.emplace(name, i).second)
            problems.add(header.line, name, "cột này có hai lần trong dòng tiêu đề");
    }
    for (auto column : required)
        if (!header.has(column))
            problems.add(header.line, column,
                         "thiếu cột này trong dòng tiêu đề (dòng đầu của tệp phải là tên các cột, ví dụ code,value)");
    if (!problems.empty()) return problems.error();
    table.records.erase(table.records.begin());
    return std::pair{std::move(table), std::move(header)};
}

// A field error of the service's checks ("Cần giá trị kế hoạch (plan_value)") for a line and column.
void add_error(Problems& problems, int line, const Error& error, std::string_view fallback_column) {
    std::string column = error.field.empty() ? std::string(fallback_column) : error.field;
    problems.add(line, column, error.detail, error.code == Errc::Forbidden);
}

bool same_target(const model::Target& a, const model::Target& b) {
    return a.code == b.code && a.name == b.name && a.group_name == b.group_name && a.unit == b.unit &&
           a.kind == b.kind && a.plan_value == b.plan_value && a.plan_max == b.plan_max && a.office == b.office;
}

}  // namespace

Result<CsvImportSummary> TargetService::import_targets_csv(std::int64_t plan_id, std::string_view csv,
                                                           const model::User& user, std::string_view ip) {
    if (user.role != model::Role::Admin && user.role != model::Role::Approver)
        return Error{Errc::Forbidden, "Chỉ người duyệt hoặc quản trị viên mới được lập kế hoạch và chỉ tiêu"};
    CONG_TRY(read, read_table(csv, {"code", "name", "group"}));
    auto& [table, header] = read;
    CsvImportSummary summary;
    Problems problems;
    struct Row {
        int line = 0;
        model::Target target;
    };
    std::vector<Row> rows;
    std::map<std::string, int> seen;  // code → line
    for (const auto& record : table.records) {
        ++summary.rows;
        TargetInput input;
        input.code = std::string(header.cell(record, "code"));
        input.name = std::string(header.cell(record, "name"));
        input.group_name = std::string(header.cell(record, "group"));
        input.unit = std::string(header.cell(record, "unit"));
        input.office = std::string(header.cell(record, "office"));
        bool row_ok = true;
        if (auto kind = header.cell(record, "kind"); !kind.empty()) {
            auto parsed = model::parse_target_kind(lower_ascii(kind));
            if (!parsed) {
                problems.add(record.line, "kind",
                             "phải là higher_is_better, lower_is_better, yes_no hoặc within_range");
                row_ok = false;
            } else {
                input.kind = *parsed;
            }
        }
        for (auto [column, slot] : {std::pair{"plan_value", &input.plan_value}, std::pair{"plan_max", &input.plan_max}}) {
            auto cell = header.cell(record, column);
            if (cell.empty()) continue;
            auto number = parse_csv_number(cell, table.separator);
            if (!number) {
                problems.add(record.line, column, "không phải là số");
                row_ok = false;
            } else {
                *slot = *number;
            }
        }
        if (!row_ok) continue;
        auto target = check_target_input(input);
        if (!target) {
            add_error(problems, record.line, target.error(), "code");
            continue;
        }
        if (auto [it, added] = seen.emplace(target->code, record.line); !added) {
            problems.add(record.line, "code",
                         "mã \"" + target->code + "\" đã có ở dòng " + std::to_string(it->second));
            continue;
        }
        rows.push_back({record.line, std::move(*target)});
    }
    if (!problems.empty()) return problems.error();

    auto imported = db_.write([&](storage::Tx& tx) -> Result<CsvImportSummary> {
        CONG_TRY(plan, plan_of_site(tx, plan_id));
        CONG_TRY(existing, tx.targets().list_targets(plan.id));
        std::map<std::string, model::Target> by_code;
        for (auto& target : existing) by_code.emplace(target.code, std::move(target));
        for (auto& row : rows) {
            auto found = by_code.find(row.target.code);
            Result<model::Target> done = model::Target{};
            if (found == by_code.end()) {
                done = insert_target(tx, plan, row.target, std::nullopt, user, ip);
                if (done) ++summary.created;
            } else if (same_target(found->second, row.target)) {
                ++summary.unchanged;
                continue;
            } else {
                done = replace_target(tx, found->second, row.target, std::nullopt, user, ip);
                if (done) ++summary.updated;
            }
            if (!done) {
                // Stops at the first: the transaction is rolled back, so nothing of the file stays.
                if (done.error().code == Errc::Internal || done.error().code == Errc::Busy) return done.error();
                Problems stop;
                add_error(stop, row.line, done.error(), "code");
                auto error = stop.error();
                if (done.error().code != Errc::InvalidInput && done.error().code != Errc::Forbidden)
                    error.code = done.error().code;
                return error;
            }
        }
        CONG_TRY_VOID(audit::record(tx, audit::Actor::user(user, std::string(ip)),
                                    {"target.import_csv", "target_plan", plan.id, site_id_,
                                     plan.title + ": " + std::to_string(summary.created) + " mới, " +
                                         std::to_string(summary.updated) + " sửa, " +
                                         std::to_string(summary.unchanged) + " không đổi"}));
        return summary;
    });
    if (imported) changed(plan_id);
    return imported;
}

Result<CsvImportSummary> TargetService::import_reports_csv(std::int64_t plan_id, std::string_view period_key,
                                                           std::string_view csv, const model::User& user,
                                                           std::string_view ip) {
    CONG_TRY(period, parse_period(period_key));
    CONG_TRY(read, read_table(csv, {"code", "value"}));
    auto& [table, header] = read;
    CsvImportSummary summary;
    Problems problems;
    struct Row {
        int line = 0;
        std::string code;
        std::optional<double> value;
        std::string note;
    };
    std::vector<Row> rows;
    std::map<std::string, int> seen;
    for (const auto& record : table.records) {
        ++summary.rows;
        Row row{record.line, std::string(header.cell(record, "code")), std::nullopt, {}};
        if (row.code.empty()) {
            problems.add(record.line, "code", "thiếu mã chỉ tiêu");
            continue;
        }
        bool row_ok = true;
        if (auto cell = header.cell(record, "value"); !cell.empty()) {
            auto number = parse_csv_number(cell, table.separator);
            if (!number) {
                problems.add(record.line, "value", "không phải là số");
                row_ok = false;
            } else if (auto checked = check_figure(*number, "value"); !checked) {
                problems.add(record.line, "value", checked.error().detail);
                row_ok = false;
            } else {
                row.value = *checked;
            }
        }
        auto note = core::clean_text_field(header.cell(record, "note"), MAX_REPORT_NOTE_CHARS, core::Required::No,
                                           core::LineBreaks::Allowed, "note", "Ghi chú");
        if (!note) {
            problems.add(record.line, "note", note.error().detail);
            row_ok = false;
        } else {
            row.note = std::move(*note);
        }
        if (!row_ok) continue;
        if (auto [it, added] = seen.emplace(row.code, record.line); !added) {
            problems.add(record.line, "code", "mã \"" + row.code + "\" đã có ở dòng " + std::to_string(it->second));
            continue;
        }
        rows.push_back(std::move(row));
    }

    auto imported = db_.write([&](storage::Tx& tx) -> Result<CsvImportSummary> {
        CONG_TRY(plan, plan_of_site(tx, plan_id));
        if (period.year != plan.year)
            return Error{Errc::InvalidInput,
                         "Kỳ báo cáo phải thuộc năm " + std::to_string(plan.year) + " của kế hoạch", "period"};
        CONG_TRY(targets, tx.targets().list_targets(plan.id));
        CONG_TRY(current, tx.targets().current_reports(plan.id, period.key()));
        std::map<std::string, const model::Target*> by_code;
        for (const auto& target : targets) by_code.emplace(target.code, &target);
        std::map<std::int64_t, const model::TargetReport*> current_of;
        for (const auto& report : current) current_of.emplace(report.target_id, &report);

        // Every row is checked before any is written, so the error names all the bad ones.
        Problems& late = problems;
        std::vector<std::pair<const Row*, const model::Target*>> writes;
        for (const auto& row : rows) {
            auto found = by_code.find(row.code);
            if (found == by_code.end()) {
                late.add(row.line, "code", "kế hoạch không có chỉ tiêu mã \"" + row.code + "\"");
                continue;
            }
            const model::Target& target = *found->second;
            CONG_TRY(allowed, may_enter(tx, user, target));
            if (!allowed) {
                late.add(row.line, "code",
                         "chỉ tiêu " + target.code + " thuộc " +
                             (target.office.empty() ? std::string("đơn vị khác") : target.office) +
                             "; bạn chỉ nhập số liệu cho chỉ tiêu của đơn vị mình",
                         true);
                continue;
            }
            if (target.kind == model::TargetKind::YesNo && row.value && *row.value != 0.0 && *row.value != 1.0) {
                late.add(row.line, "value", "chỉ tiêu dạng có/không nhận 1 (đã đạt) hoặc 0 (chưa đạt)");
                continue;
            }
            auto now = current_of.find(target.id);
            bool same = now == current_of.end() ? (!row.value && row.note.empty())
                                                : (now->second->value == row.value && now->second->note == row.note);
            if (same) {
                ++summary.unchanged;
                continue;
            }
            writes.emplace_back(&row, &target);
        }
        if (!late.empty()) return late.error();
        for (const auto& [row, target] : writes) {
            model::TargetReport report;
            report.period = period.key();
            report.value = row->value;
            report.note = row->note;
            report.entered_by = user.id > 0 ? std::optional<std::int64_t>(user.id) : std::nullopt;
            report.entered_at = core::now();
            auto entered = insert_report(tx, *target, plan, report, user, ip);
            if (!entered) {
                if (entered.error().code == Errc::Internal || entered.error().code == Errc::Busy) return entered.error();
                Problems stop;
                add_error(stop, row->line, entered.error(), "value");
                return stop.error();
            }
            ++summary.created;
        }
        CONG_TRY_VOID(audit::record(tx, audit::Actor::user(user, std::string(ip)),
                                    {"target_report.import_csv", "target_plan", plan.id, site_id_,
                                     plan.title + ", " + period.label() + ": " + std::to_string(summary.created) +
                                         " số liệu mới, " + std::to_string(summary.unchanged) + " không đổi"}));
        return summary;
    });
    if (imported) changed(plan_id);
    return imported;
}

Result<std::string> TargetService::export_targets_csv(std::int64_t plan_id) {
    CONG_TRY(targets, list_targets(plan_id));
    std::string out(UTF8_BOM);
    append_csv_record(out, std::vector<std::string>(std::begin(TARGET_CSV_COLUMNS), std::end(TARGET_CSV_COLUMNS)));
    for (const auto& t : targets) {
        append_csv_record(out, {t.code, t.name, t.group_name, t.unit, std::string(model::to_string(t.kind)),
                                csv_number(t.plan_value), t.plan_max ? csv_number(*t.plan_max) : std::string(),
                                t.office});
    }
    return out;
}

Result<std::string> TargetService::export_reports_csv(std::int64_t plan_id, std::string_view period) {
    CONG_TRY(board, dashboard(plan_id, period.empty() ? std::nullopt : std::optional<std::string_view>(period)));
    std::string out(UTF8_BOM);
    append_csv_record(out, std::vector<std::string>(std::begin(REPORT_CSV_COLUMNS), std::end(REPORT_CSV_COLUMNS)));
    for (const auto& group : board.groups) {
        for (const auto& row : group.rows) {
            const auto& t = row.target;
            std::string value;
            if (row.report && row.report->value) value = csv_number(*row.report->value);
            append_csv_record(out, {t.code, t.name, t.group_name, t.unit, t.office, csv_number(t.plan_value), value,
                                    row.report ? row.report->note : "",
                                    std::string(standing_label(row.assessment.standing))});
        }
    }
    return out;
}

}  // namespace cong::targets
