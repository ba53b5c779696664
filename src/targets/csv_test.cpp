#include "targets/csv.hpp"
#include "targets/target_csv.hpp"

#include <gtest/gtest.h>

namespace cong::targets {
namespace {

std::vector<std::vector<std::string>> fields_of(const CsvTable& table) {
    std::vector<std::vector<std::string>> out;
    for (const auto& record : table.records) out.push_back(record.fields);
    return out;
}

TEST(Csv, ReadsExcelsSemicolonsQuotesAndCrlfWithTheBom) {
    auto table = parse_csv("\xEF\xBB\xBF" "code;name;value\r\n"
                           "1;\"Thu ngân sách; tỷ đồng\";1.250,5\r\n"
                           "2;\"Nói \"\"có\"\" hoặc \"\"không\"\"\";\r\n");
    ASSERT_TRUE(table) << table.error().detail;
    EXPECT_EQ(table->separator, ';');
    EXPECT_EQ(fields_of(*table), (std::vector<std::vector<std::string>>{
                                     {"code", "name", "value"},
                                     {"1", "Thu ngân sách; tỷ đồng", "1.250,5"},
                                     {"2", "Nói \"có\" hoặc \"không\"", ""}}));
    EXPECT_EQ(table->records[1].line, 2);
}

TEST(Csv, AQuotedLineBreakStaysInTheFieldAndLinesAreCountedInTheFile) {
    auto table = parse_csv("code,note\n1,\"dòng một\ndòng hai\"\n\n2,x\n");
    ASSERT_TRUE(table);
    ASSERT_EQ(table->records.size(), 3u) << "the blank line is skipped";
    EXPECT_EQ(table->records[1].fields[1], "dòng một\ndòng hai");
    EXPECT_EQ(table->records[2].line, 5) << "the record after a two-line field and a blank line";
}

TEST(Csv, BrokenFilesAreRefusedNamingTheLine) {
    struct Case {
        std::string text;
        std::string message;
    };
    const Case cases[] = {
        {"code,name\n1,\"không đóng\n", "Dòng 2: dấu ngoặc kép mở nhưng không đóng"},
        {"code,name\n1,\"a\"b\n", "Dòng 2: có ký tự sau dấu ngoặc kép đóng"},
        {"code,name\n1,a\"b\n", "Dòng 2: dấu ngoặc kép giữa ô"},
        {"code,name\n1,ok\n2,\xC3\x28\n", "Dòng 3: tệp không phải văn bản UTF-8"},
        {std::string("code\n1\n\0\n", 10), "Dòng 3: tệp chứa ký tự NUL"},
    };
    for (const auto& c : cases) {
        auto table = parse_csv(c.text);
        ASSERT_FALSE(table) << c.text;
        EXPECT_EQ(table.error().code, core::Errc::InvalidInput);
        EXPECT_TRUE(table.error().detail.starts_with(c.message)) << table.error().detail;
    }
}

TEST(Csv, LimitsAreStatedInTheRefusal) {
    std::string big(MAX_CSV_BYTES + 1, 'a');
    auto too_big = parse_csv(big);
    ASSERT_FALSE(too_big);
    EXPECT_EQ(too_big.error().code, core::Errc::PayloadTooLarge);
    std::string rows = "code\n";
    for (std::size_t i = 0; i < MAX_CSV_RECORDS; ++i) rows += std::to_string(i) + "\n";
    auto too_many = parse_csv(rows);
    ASSERT_FALSE(too_many);
    EXPECT_EQ(too_many.error().code, core::Errc::PayloadTooLarge);
    auto long_field = parse_csv("code\n" + std::string(MAX_CSV_FIELD_BYTES + 1, 'x') + "\n");
    ASSERT_FALSE(long_field);
    EXPECT_NE(long_field.error().detail.find("Dòng 2"), std::string::npos);
    auto wide = parse_csv(std::string(MAX_CSV_FIELDS, ',') + "\n");
    ASSERT_FALSE(wide);
}

TEST(Csv, WrittenRecordsReadBackAndFormulasStayText) {
    std::vector<std::vector<std::string>> rows = {
        {"code", "name", "note"},
        {"1", "Có dấu phẩy, và chấm phẩy;", "dòng một\r\ndòng hai"},
        {"2", "=HYPERLINK(\"http://x\")", "-5 là số âm"},
        {"3", "'=đã có nháy", "@người"},
        {"4", "", "\"ngoặc\""},
    };
    std::string out(UTF8_BOM);
    for (const auto& row : rows) append_csv_record(out, row);
    EXPECT_NE(out.find("\"'=HYPERLINK"), std::string::npos) << out;
    auto table = parse_csv(out);
    ASSERT_TRUE(table) << table.error().detail;
    ASSERT_EQ(table->records.size(), rows.size());
    for (std::size_t r = 0; r < rows.size(); ++r) {
        ASSERT_EQ(table->records[r].fields.size(), rows[r].size());
        for (std::size_t f = 0; f < rows[r].size(); ++f)
            EXPECT_EQ(unescape_cell(table->records[r].fields[f]), rows[r][f]);
    }
}

TEST(CsvNumber, CommaFilesUseAPointAndSemicolonFilesTheVietnameseComma) {
    EXPECT_EQ(parse_csv_number("1250.5", ','), 1250.5);
    EXPECT_EQ(parse_csv_number(" 0.075 ", ','), 0.075);
    EXPECT_EQ(parse_csv_number("1200", ','), 1200.0);
    EXPECT_EQ(parse_csv_number("1.250,5", ';'), 1250.5);
    EXPECT_EQ(parse_csv_number("1.234.567", ';'), 1234567.0);
    EXPECT_EQ(parse_csv_number("0,075", ';'), 0.075);
    EXPECT_EQ(parse_csv_number("-3", ','), -3.0) << "read, then refused by the figure check with its own message";
    for (const char* bad : {"", "abc", "1,5", "1e5", "inf", "nan", "0x10", "1.2.3", ".5", "5.", "1 000", "--1"})
        EXPECT_FALSE(parse_csv_number(bad, ',')) << bad;
    for (const char* bad : {"1.5", "12.34,5", "1.2345", "1,", ",5", "1,2,3", "1.234.56"})
        EXPECT_FALSE(parse_csv_number(bad, ';')) << bad;
    EXPECT_EQ(csv_number(1250.5), "1250.5");
    EXPECT_EQ(csv_number(1e12), "1000000000000");
    EXPECT_EQ(parse_csv_number(csv_number(0.1 + 0.2), ','), 0.1 + 0.2) << "every digit survives";
}

}  // namespace
}  // namespace cong::targets
