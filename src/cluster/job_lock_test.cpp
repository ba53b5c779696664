#include "cluster/job_lock.hpp"

#include "cluster/pg_test_server.hpp"
#include "storage/postgres/pg_connection.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

namespace cong::cluster {
namespace {

using namespace std::chrono_literals;

TEST(LocalJobLock, OneNodeOnSqliteAlwaysLeads) {
    LocalJobLock lock;
    EXPECT_TRUE(lock.try_lead());
    EXPECT_TRUE(lock.try_lead());
}

TEST(PgJobLock, OnlyOneOfTwoNodesLeadsUntilItGivesUp) {
    auto url = testing::test_postgres_url();
    if (!url) return;
    auto key = testing::unique_key();
    PgJobLock a(*url, key), b(*url, key);
    EXPECT_TRUE(a.try_lead());
    EXPECT_FALSE(b.try_lead());
    EXPECT_TRUE(a.try_lead());  // still A's
    EXPECT_FALSE(b.try_lead());
    a.release();
    EXPECT_TRUE(b.try_lead());
    EXPECT_FALSE(a.try_lead());
}

TEST(PgJobLock, WhenTheLeaderLosesItsConnectionTheOtherNodeTakesOver) {
    auto url = testing::test_postgres_url();
    if (!url) return;
    auto key = testing::unique_key();
    PgJobLock a(*url, key), b(*url, key);
    ASSERT_TRUE(a.try_lead());
    ASSERT_FALSE(b.try_lead());

    // The leader's session ends (a crash, a cut): the server releases its lock with it.
    auto admin = storage::postgres::PgConnection::open(*url);
    ASSERT_TRUE(admin);
    auto holder = (*admin)->query_int64("SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted "
                                        "AND ((classid::bigint << 32) | objid::bigint) = $1",
                                        {static_cast<std::int64_t>(key)});
    ASSERT_TRUE(holder) << holder.error().detail;
    testing::terminate_backend(*url, static_cast<int>(*holder));

    bool b_leads = false;
    for (int i = 0; i < 50 && !b_leads; ++i) {
        b_leads = b.try_lead();
        if (!b_leads) std::this_thread::sleep_for(20ms);
    }
    EXPECT_TRUE(b_leads);
    // A notices at its next try that it no longer leads, and does not take the lead back.
    EXPECT_FALSE(a.try_lead());
    EXPECT_FALSE(a.try_lead());
    EXPECT_TRUE(b.try_lead());
}

TEST(PeriodicJobs, RunOnlyOnTheNodeThatLeads) {
    auto url = testing::test_postgres_url();
    if (!url) return;
    auto key = testing::unique_key();
    PgJobLock lock_a(*url, key), lock_b(*url, key);
    PeriodicJobs a(lock_a), b(lock_b);
    int runs_a = 0, runs_b = 0;
    a.add("count", [&]() -> core::Result<void> { ++runs_a; return {}; });
    b.add("count", [&]() -> core::Result<void> { ++runs_b; return {}; });
    for (int i = 0; i < 5; ++i) {
        a.run_once();
        b.run_once();
    }
    EXPECT_EQ(runs_a, 5);
    EXPECT_EQ(runs_b, 0);
    EXPECT_TRUE(a.leading());
    EXPECT_FALSE(b.leading());
    lock_a.release();
    b.run_once();
    a.run_once();
    EXPECT_EQ(runs_b, 1);
    EXPECT_EQ(runs_a, 5);
    std::string metrics;
    b.write_metrics(metrics);
    EXPECT_NE(metrics.find("cong_cluster_job_leader 1\n"), std::string::npos) << metrics;
    EXPECT_NE(metrics.find("cong_cluster_job_runs_total{job=\"count\"} 1\n"), std::string::npos) << metrics;
}

TEST(PeriodicJobs, AFailingJobIsCountedAndTheOthersStillRun) {
    LocalJobLock lock;
    PeriodicJobs jobs(lock);
    int good = 0;
    jobs.add("broken", []() -> core::Result<void> { return core::Error{core::Errc::Busy, "database busy"}; });
    jobs.add("good", [&]() -> core::Result<void> { ++good; return {}; });
    EXPECT_TRUE(jobs.run_once());
    EXPECT_EQ(good, 1);
    std::string metrics;
    jobs.write_metrics(metrics);
    EXPECT_NE(metrics.find("cong_cluster_job_failures_total{job=\"broken\"} 1\n"), std::string::npos) << metrics;
    EXPECT_NE(metrics.find("cong_cluster_job_failures_total{job=\"good\"} 0\n"), std::string::npos) << metrics;
}

TEST(PeriodicJobs, TheThreadRunsTheJobsUntilStopped) {
    LocalJobLock lock;
    PeriodicJobs jobs(lock, 10ms);
    std::atomic<int> runs{0};
    jobs.add("tick", [&]() -> core::Result<void> { ++runs; return {}; });
    jobs.start();
    for (int i = 0; i < 200 && runs < 3; ++i) std::this_thread::sleep_for(5ms);
    jobs.stop();
    int after_stop = runs;
    EXPECT_GE(after_stop, 3);
    std::this_thread::sleep_for(30ms);
    EXPECT_EQ(runs, after_stop);
}

}  // namespace
}  // namespace cong::cluster
