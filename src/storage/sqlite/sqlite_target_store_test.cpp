// Migration 0010 turns the free-text office of each target into a record: existing targets keep who answers
// for them, one office per distinct name and site.
#include "storage/migrations/migrations.hpp"
#include "storage/sqlite/sqlite_migrations.hpp"
#include "storage/sqlite/sqlite_stores.hpp"
#include "storage/sqlite/sqlite_test_support.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

using namespace cong;
using namespace cong::storage;
using namespace cong::storage::sqlite;
using test_support::TempDir;

namespace {

constexpr int OFFICES_VERSION = 10;

std::unique_ptr<Connection> database_before_offices(const std::string& path) {
    auto connection = test_support::sqlite_at_version(path, OFFICES_VERSION - 1);
    // Two sites; the same office name in both, a second office, and a target of no office.
    EXPECT_TRUE(connection->exec(R"sql(
        INSERT INTO sites (id, name, host, created_at) VALUES (1, 'Thọ Xuân', '', 0), (2, 'Xã Xuân Lập', 'xl', 0);
        INSERT INTO target_plans (id, site_id, slug, title, year, created_at) VALUES
            (1, 1, 'nq-09-2024', 'Nghị quyết 09', 2024, 0), (2, 2, 'nq-2024', 'Nghị quyết xã', 2024, 0);
        INSERT INTO targets (id, plan_id, code, name, group_name, kind, plan_value, office) VALUES
            (1, 1, '1', 'Thu ngân sách', 'Kinh tế', 'higher_is_better', 1200, 'Phòng Tài chính - Kế hoạch'),
            (2, 1, '2', 'Tổng vốn đầu tư', 'Kinh tế', 'higher_is_better', 5000, 'Phòng Tài chính - Kế hoạch'),
            (3, 1, '3', 'Làng văn hóa', 'Văn hóa – xã hội', 'higher_is_better', 80, 'Phòng Văn hóa và Thông tin'),
            (4, 1, '4', 'Không có đơn vị', 'Kinh tế', 'yes_no', 1, ''),
            (5, 2, '1', 'Thu ngân sách xã', 'Kinh tế', 'higher_is_better', 12, 'Phòng Tài chính - Kế hoạch');
        INSERT INTO target_reports (target_id, period, value, entered_at) VALUES (1, '2024-q1', 400, 0);
    )sql"));
    return connection;
}

}  // namespace

TEST(OfficesMigration, EveryTargetKeepsItsOfficeAsARecordOfItsSite) {
    TempDir dir;
    auto connection = database_before_offices(dir.file("cong.db"));
    ASSERT_TRUE(migrate(*connection, core::now()));
    EXPECT_EQ(connection->query_int64("SELECT count(*) FROM offices WHERE site_id = 1").value(), 2);
    EXPECT_EQ(connection->query_int64("SELECT count(*) FROM offices WHERE site_id = 2").value(), 1);
    EXPECT_EQ(connection->query_int64("SELECT count(*) FROM target_reports").value(), 1) << "figures stay";

    SqliteTargetStore store(*connection);
    auto targets = store.list_targets(1).value();
    ASSERT_EQ(targets.size(), 4u);
    EXPECT_EQ(targets[0].office, "Phòng Tài chính - Kế hoạch");
    EXPECT_EQ(targets[0].office_id, targets[1].office_id);
    EXPECT_EQ(targets[2].office, "Phòng Văn hóa và Thông tin");
    EXPECT_FALSE(targets[3].office_id.has_value());
    EXPECT_EQ(targets[3].office, "");
    auto other = store.list_targets(2).value();
    ASSERT_EQ(other.size(), 1u);
    EXPECT_EQ(other[0].office, "Phòng Tài chính - Kế hoạch");
    EXPECT_NE(other[0].office_id, targets[0].office_id) << "each site has its own offices";
    auto office = store.find_office(*other[0].office_id).value();
    ASSERT_TRUE(office);
    EXPECT_EQ(office->site_id, 2);
}

TEST(OfficesMigration, AnAccountBelongsToAtMostOneOffice) {
    TempDir dir;
    auto connection = database_before_offices(dir.file("cong.db"));
    ASSERT_TRUE(migrate(*connection, core::now()));
    ASSERT_TRUE(connection->exec(
        "INSERT INTO users (id, login, password_hash, role, created_at) VALUES (7, 'taichinh', 'x', 'editor', 0)"));
    SqliteTargetStore store(*connection);
    auto finance = store.find_office_by_name(1, "Phòng Tài chính - Kế hoạch").value();
    auto culture = store.find_office_by_name(1, "Phòng Văn hóa và Thông tin").value();
    ASSERT_TRUE(finance && culture);
    ASSERT_TRUE(store.set_user_office(7, finance->id));
    ASSERT_TRUE(store.set_user_office(7, culture->id));
    EXPECT_EQ(store.office_of_user(7).value(), culture->id) << "the second office replaces the first";
    EXPECT_EQ(store.office_members(1).value().size(), 1u);
    ASSERT_TRUE(store.set_user_office(7, std::nullopt));
    EXPECT_FALSE(store.office_of_user(7).value().has_value());
    auto taken = store.insert_office({0, 1, "Phòng Tài chính - Kế hoạch"});
    ASSERT_FALSE(taken);
    EXPECT_EQ(taken.error().code, core::Errc::Conflict);
}
