#include "content/publish_scheduler.hpp"

#include "core/log.hpp"

namespace cong::content {

core::Result<int> PublishScheduler::run_due(core::Timestamp now) {
    CONG_TRY(published, articles_.publish_due(now));
    for (const auto& article : published)
        core::log::info("scheduled article published", {{"id", article.id}, {"slug", article.slug}});
    return static_cast<int>(published.size());
}

void PublishScheduler::start(std::chrono::milliseconds interval) {
    stop();
    {
        std::lock_guard lock(mutex_);
        stopping_ = false;
    }
    thread_ = std::thread([this, interval] {
        std::unique_lock lock(mutex_);
        while (!stopping_) {
            lock.unlock();
            if (auto ran = run_due(clock_()); !ran)
                core::log::warn("scheduled publishing failed", {{"error", ran.error().detail}});
            lock.lock();
            wake_.wait_for(lock, interval, [this] { return stopping_; });
        }
    });
}

void PublishScheduler::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

}  // namespace cong::content
