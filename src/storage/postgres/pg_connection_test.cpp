#include "storage/postgres/pg_connection.hpp"

#include "storage/sqlite/sqlite_test_support.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

namespace cong::storage::postgres {
namespace {

TEST(PgPlaceholders, BareQuestionMarksAreNumberedInOrder) {
    EXPECT_EQ(to_pg_placeholders("SELECT id FROM sites WHERE host = ? AND id <> ?"),
              "SELECT id FROM sites WHERE host = $1 AND id <> $2");
}

TEST(PgPlaceholders, NumberedOnesKeepTheirNumberAndABareOneFollowsTheLargest) {
    EXPECT_EQ(to_pg_placeholders("WHERE (?1 IS NULL OR a = ?1) AND b = ?3 LIMIT ?"),
              "WHERE ($1 IS NULL OR a = $1) AND b = $3 LIMIT $4");
}

TEST(PgPlaceholders, QuestionMarksInsideQuotesAndCommentsAreText) {
    EXPECT_EQ(to_pg_placeholders("SELECT 'a?b', \"c?\" -- why?\nFROM t WHERE x = ? AND y = 'it''s?'"),
              "SELECT 'a?b', \"c?\" -- why?\nFROM t WHERE x = $1 AND y = 'it''s?'");
}

TEST(PgError, AUniqueViolationIsAConflictOnTheColumnAPersonChose) {
    auto error = pg_error("23505", "duplicate key value violates unique constraint \"articles_site_id_slug_key\"",
                          "Key (site_id, slug)=(1, tin-moi) already exists.");
    EXPECT_EQ(error.code, core::Errc::Conflict);
    EXPECT_EQ(error.field, "slug");
}

TEST(PgError, AUniqueViolationOnAnExpressionIndexNamesTheColumnInside) {
    auto error = pg_error("23505", "duplicate key value violates unique constraint \"users_login\"",
                          "Key (lower(login))=(admin) already exists.");
    EXPECT_EQ(error.code, core::Errc::Conflict);
    EXPECT_EQ(error.field, "login");
}

TEST(PgError, LostConnectionsAndLockTimeoutsAreBusyAndOtherFailuresInternal) {
    EXPECT_EQ(pg_error("57P01", "terminating connection due to administrator command", "").code, core::Errc::Busy);
    EXPECT_EQ(pg_error("08006", "connection failure", "").code, core::Errc::Busy);
    EXPECT_EQ(pg_error("55P03", "canceling statement due to lock timeout", "").code, core::Errc::Busy);
    EXPECT_EQ(pg_error("23503", "violates foreign key constraint", "").code, core::Errc::Conflict);
    auto other = pg_error("42601", "syntax error at or near \"SELEC\"", "");
    EXPECT_EQ(other.code, core::Errc::Internal);
    EXPECT_NE(other.detail.find("syntax error"), std::string::npos);
}

TEST(PgUrl, OnlyPostgresSchemesNameAServer) {
    EXPECT_TRUE(is_postgres_url("postgresql://cong@127.0.0.1:5432/cong"));
    EXPECT_TRUE(is_postgres_url("postgres://cong@db/cong"));
    EXPECT_FALSE(is_postgres_url("./data"));
    EXPECT_FALSE(is_postgres_url("/srv/cong/postgresql://x"));
}

TEST(PgConnection, AnUnreachableServerIsBusyNotACrash) {
    // Port 1 on loopback: nothing listens there.
    auto connection = PgConnection::open("postgresql://cong@127.0.0.1:1/postgres?connect_timeout=2");
    ASSERT_FALSE(connection);
    EXPECT_EQ(connection.error().code, core::Errc::Busy);
}

class PgConnectionTest : public ::testing::Test {
protected:
    void SetUp() override {
        url_ = test_support::postgres_test_url();
        if (url_.empty()) GTEST_SKIP() << "CONG_TEST_POSTGRES_URL is not set";
        auto connection = PgConnection::open(url_);
        ASSERT_TRUE(connection) << connection.error().detail;
        connection_ = std::move(*connection);
    }
    std::string url_;
    std::unique_ptr<PgConnection> connection_;
};

TEST_F(PgConnectionTest, ParametersTravelAsTextAndNullsAsNull) {
    auto result = connection_->query("SELECT $1::bigint + 1, $2::text, $3::text IS NULL, $4::double precision",
                                     std::int64_t{41}, std::string_view("Thọ Xuân"), std::optional<std::string>{},
                                     0.1);
    ASSERT_TRUE(result) << result.error().detail;
    ASSERT_EQ(result->rows(), 1);
    EXPECT_EQ(result->int64(0, 0), 42);
    EXPECT_EQ(result->text(0, 1), "Thọ Xuân");
    EXPECT_EQ(result->int64(0, 2), 1);  // a boolean reads as 1/0, like SQLite's
    EXPECT_DOUBLE_EQ(result->float64(0, 3), 0.1);
}

TEST_F(PgConnectionTest, AFailedStatementIsAnErrorAndTheConnectionStaysUsable) {
    auto bad = connection_->exec("SELECT * FROM no_such_table_h4");
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code, core::Errc::Internal);
    EXPECT_TRUE(connection_->ok());
    auto good = connection_->query_int64("SELECT 7");
    ASSERT_TRUE(good);
    EXPECT_EQ(*good, 7);
}

TEST_F(PgConnectionTest, ListenersReceiveNotifications) {
    auto other = PgConnection::open(url_);
    ASSERT_TRUE(other);
    ASSERT_TRUE(connection_->exec_script("LISTEN cong_h4_test"));
    ASSERT_TRUE((*other)->exec("SELECT pg_notify('cong_h4_test', $1)", {PgParam("trang-chu")}));
    std::vector<PgNotification> received;
    for (int attempt = 0; attempt < 50 && received.empty(); ++attempt) {
        ASSERT_TRUE(connection_->consume_input());
        received = connection_->notifies();
        if (received.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ASSERT_EQ(received.size(), 1u);
    EXPECT_EQ(received[0].channel, "cong_h4_test");
    EXPECT_EQ(received[0].payload, "trang-chu");
    EXPECT_GE(connection_->socket(), 0);
}

}  // namespace
}  // namespace cong::storage::postgres
