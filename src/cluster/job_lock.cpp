#include "cluster/job_lock.hpp"

#include "cluster/pg_session.hpp"
#include "core/log.hpp"
#include "storage/postgres/pg_connection.hpp"

namespace cong::cluster {

PgJobLock::PgJobLock(std::string url, std::int64_t key) : url_(std::move(url)), key_(key) {}

PgJobLock::~PgJobLock() = default;

bool PgJobLock::try_lead() {
    std::lock_guard lock(mutex_);
    if (connection_ && !connection_->ok()) {
        connection_.reset();
        held_ = false;
    }
    if (!connection_) {
        auto opened = open_session(url_, "cong-jobs");
        if (!opened) return false;
        connection_ = std::move(*opened);
    }
    if (held_) {
        // The lock is ours as long as the session is: make sure it still is.
        if (connection_->exec_script("SELECT 1")) return true;
        connection_.reset();
        held_ = false;
        core::log::warn("lost the lead of periodic jobs with the database connection");
        return false;
    }
    auto taken = connection_->query_int64("SELECT pg_try_advisory_lock($1)::int", {key_});
    if (!taken) {
        if (!connection_->ok()) connection_.reset();
        return false;
    }
    held_ = *taken != 0;
    return held_;
}

void PgJobLock::release() {
    std::lock_guard lock(mutex_);
    // Unlocked explicitly: a closed session's locks go only when its server process has exited.
    if (held_ && connection_ && connection_->ok()) (void)connection_->query_int64("SELECT pg_advisory_unlock($1)::int", {key_});
    connection_.reset();
    held_ = false;
}

PeriodicJobs::PeriodicJobs(JobLock& lock, std::chrono::milliseconds interval) : lock_(lock), interval_(interval) {}

PeriodicJobs::~PeriodicJobs() { stop(); }

void PeriodicJobs::add(std::string name, Job job) {
    auto entry = std::make_unique<Entry>();
    entry->name = std::move(name);
    entry->job = std::move(job);
    jobs_.push_back(std::move(entry));
}

bool PeriodicJobs::run_once() {
    bool leads = lock_.try_lead();
    if (leads != leading_.exchange(leads, std::memory_order_relaxed)) {
        lead_changes_.fetch_add(1, std::memory_order_relaxed);
        core::log::info(leads ? "this node now runs the periodic jobs" : "another node runs the periodic jobs");
    }
    if (!leads) return false;
    for (auto& entry : jobs_) {
        entry->runs.fetch_add(1, std::memory_order_relaxed);
        if (auto ran = entry->job(); !ran) {
            entry->failures.fetch_add(1, std::memory_order_relaxed);
            core::log::warn("periodic job failed", {{"job", entry->name}, {"error", ran.error().detail}});
        }
    }
    return true;
}

void PeriodicJobs::start() {
    stop();
    {
        std::lock_guard lock(mutex_);
        stopping_ = false;
    }
    thread_ = std::thread([this] {
        std::unique_lock lock(mutex_);
        while (!stopping_) {
            lock.unlock();
            run_once();
            lock.lock();
            wake_.wait_for(lock, interval_, [this] { return stopping_; });
        }
    });
}

void PeriodicJobs::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void PeriodicJobs::write_metrics(std::string& out) const {
    out += "# HELP cong_cluster_job_leader 1 while this node holds the lock of the periodic jobs.\n"
           "# TYPE cong_cluster_job_leader gauge\n"
           "cong_cluster_job_leader ";
    out += leading() ? "1\n" : "0\n";
    out += "# HELP cong_cluster_job_lead_changes_total Times this node took or lost the lead of the periodic jobs.\n"
           "# TYPE cong_cluster_job_lead_changes_total counter\n"
           "cong_cluster_job_lead_changes_total ";
    out += std::to_string(lead_changes_.load(std::memory_order_relaxed)) + "\n";
    out += "# HELP cong_cluster_job_runs_total Runs of each periodic job on this node.\n"
           "# TYPE cong_cluster_job_runs_total counter\n";
    for (const auto& entry : jobs_)
        out += "cong_cluster_job_runs_total{job=\"" + entry->name + "\"} " +
               std::to_string(entry->runs.load(std::memory_order_relaxed)) + "\n";
    out += "# HELP cong_cluster_job_failures_total Failed runs of each periodic job on this node.\n"
           "# TYPE cong_cluster_job_failures_total counter\n";
    for (const auto& entry : jobs_)
        out += "cong_cluster_job_failures_total{job=\"" + entry->name + "\"} " +
               std::to_string(entry->failures.load(std::memory_order_relaxed)) + "\n";
}

}  // namespace cong::cluster
