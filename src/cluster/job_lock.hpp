// JobLock: decides which node runs the periodic jobs (scheduled publishing and the like): the one that holds
// it. PeriodicJobs runs them on a thread of its own while this node leads.
#pragma once

#include "core/result.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace cong::storage::postgres {
class PgConnection;
}

namespace cong::cluster {

// The advisory lock key of the periodic jobs: "congjobs" in ASCII, apart from the keys the store uses.
constexpr std::int64_t JOB_LOCK_KEY = 0x636F6E676A6F6273;

class JobLock {
public:
    virtual ~JobLock() = default;
    // True when this node leads now (taking the lead if nobody holds it). Called before every run.
    virtual bool try_lead() = 0;
};

// One node on SQLite: the data directory's lock already lets a single server run, so it always leads.
class LocalJobLock final : public JobLock {
public:
    bool try_lead() override { return true; }
};

// pg_try_advisory_lock on a session connection of its own. The lock lives as long as that connection: a node
// that dies or loses the database loses the lead, and another node takes it at its next try. A node that was
// cut off may still finish the run it was in when another one takes over, so jobs must be idempotent (the
// publish of a scheduled article is: it runs in a serialised write transaction that sees it published).
class PgJobLock final : public JobLock {
public:
    explicit PgJobLock(std::string url, std::int64_t key = JOB_LOCK_KEY);
    ~PgJobLock() override;
    PgJobLock(const PgJobLock&) = delete;
    PgJobLock& operator=(const PgJobLock&) = delete;

    bool try_lead() override;
    // Gives the lead up (closes the session): another node may take it at once.
    void release();

private:
    std::string url_;
    std::int64_t key_;
    std::mutex mutex_;
    std::unique_ptr<storage::postgres::PgConnection> connection_;
    bool held_ = false;
};

// Jobs that run every interval on the node that holds the JobLock.
class PeriodicJobs {
public:
    using Job = std::function<core::Result<void>()>;

    explicit PeriodicJobs(JobLock& lock, std::chrono::milliseconds interval = std::chrono::seconds(1));
    ~PeriodicJobs();
    PeriodicJobs(const PeriodicJobs&) = delete;
    PeriodicJobs& operator=(const PeriodicJobs&) = delete;

    // Before start(). name: for logs and metrics ("publish_scheduled").
    void add(std::string name, Job job);
    // Runs every job once if this node leads; returns whether it led. The thread calls this each interval.
    bool run_once();
    void start();
    // Wakes the thread and waits for the run in progress; safe without start() and twice.
    void stop();

    bool leading() const { return leading_.load(std::memory_order_relaxed); }
    // Prometheus text for Metrics::add_collector.
    void write_metrics(std::string& out) const;

private:
    struct Entry {
        std::string name;
        Job job;
        std::atomic<std::uint64_t> runs{0};
        std::atomic<std::uint64_t> failures{0};
    };

    JobLock& lock_;
    std::chrono::milliseconds interval_;
    std::vector<std::unique_ptr<Entry>> jobs_;
    std::atomic<bool> leading_{false};
    std::atomic<std::uint64_t> lead_changes_{0};
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace cong::cluster
