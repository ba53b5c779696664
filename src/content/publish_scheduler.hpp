// PublishScheduler: publishes scheduled articles when their time comes, from a background thread, without
// a restart.
#pragma once

#include "content/article_service.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace cong::content {

class PublishScheduler {
public:
    using Clock = std::function<core::Timestamp()>;

    explicit PublishScheduler(ArticleService& articles, Clock clock = core::now)
        : articles_(articles), clock_(std::move(clock)) {}
    ~PublishScheduler() { stop(); }
    PublishScheduler(const PublishScheduler&) = delete;
    PublishScheduler& operator=(const PublishScheduler&) = delete;

    // Publishes every scheduled article whose time is at or before now; returns how many. Idempotent:
    // an article is published by the first run that sees it due, and never again.
    core::Result<int> run_due(core::Timestamp now);

    // Calls run_due(clock()) every interval on a thread of its own until stop(). A failed run (a busy
    // database) is logged and retried at the next tick.
    void start(std::chrono::milliseconds interval = std::chrono::seconds(1));
    // Wakes the thread and waits for it to finish its current run; safe to call twice or without start().
    void stop();

private:
    ArticleService& articles_;
    Clock clock_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace cong::content
