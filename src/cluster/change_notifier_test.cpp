#include "cluster/change_notifier.hpp"

#include "cluster/pg_test_server.hpp"
#include "storage/postgres/pg_connection.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <condition_variable>
#include <mutex>

namespace cong::cluster {
namespace {

using namespace std::chrono_literals;

// Stands in for one node's page cache: records the tags it was told to drop and whole-cache drops.
class RecordingCache final : public core::ChangeListener {
public:
    void content_changed(const std::vector<std::string>& tags) override {
        std::lock_guard lock(mutex_);
        tags_.insert(tags_.end(), tags.begin(), tags.end());
        changed_.notify_all();
    }
    void drop_all() {
        std::lock_guard lock(mutex_);
        ++full_drops_;
        changed_.notify_all();
    }
    // Waits up to timeout until tag has been dropped (at least `times` times).
    bool wait_for_tag(const std::string& tag, std::chrono::milliseconds timeout, int times = 1) {
        std::unique_lock lock(mutex_);
        return changed_.wait_for(lock, timeout, [&] { return std::count(tags_.begin(), tags_.end(), tag) >= times; });
    }
    bool wait_for_full_drop(std::chrono::milliseconds timeout) {
        std::unique_lock lock(mutex_);
        return changed_.wait_for(lock, timeout, [&] { return full_drops_ > 0; });
    }
    int count(const std::string& tag) {
        std::lock_guard lock(mutex_);
        return static_cast<int>(std::count(tags_.begin(), tags_.end(), tag));
    }
    int full_drops() {
        std::lock_guard lock(mutex_);
        return full_drops_;
    }

private:
    std::mutex mutex_;
    std::condition_variable changed_;
    std::vector<std::string> tags_;
    int full_drops_ = 0;
};

struct Node {
    RecordingCache cache;
    ChangeNotifier notifier;
    Node(const std::string& url, const std::string& channel)
        : notifier({.url = url, .channel = channel, .min_backoff = 20ms, .max_backoff = 200ms, .health_check = 500ms},
                   cache, [this] { cache.drop_all(); }) {}
};

TEST(ChangePayload, TagsTravelSeparatedBySpacesAndComeBackTheSame) {
    auto payloads = encode_payloads({"article:42", "category:7", "site:1"});
    ASSERT_EQ(payloads, std::vector<std::string>{"article:42 category:7 site:1"});
    auto tags = decode_payload(payloads[0]);
    ASSERT_TRUE(tags);
    EXPECT_EQ(*tags, (std::vector<std::string>{"article:42", "category:7", "site:1"}));
}

TEST(ChangePayload, ALongListIsSplitIntoPayloadsUnderTheLimitWithNoTagLost) {
    std::vector<std::string> tags;
    for (int i = 0; i < 2000; ++i) tags.push_back("article:" + std::to_string(100000 + i));
    auto payloads = encode_payloads(tags);
    ASSERT_GT(payloads.size(), 1u);
    std::vector<std::string> back;
    for (const auto& payload : payloads) {
        EXPECT_LE(payload.size(), MAX_PAYLOAD_BYTES);
        auto decoded = decode_payload(payload);
        ASSERT_TRUE(decoded);
        back.insert(back.end(), decoded->begin(), decoded->end());
    }
    EXPECT_EQ(back, tags);
}

TEST(ChangePayload, ATagThatCannotTravelTurnsTheChangeIntoDropEverything) {
    EXPECT_EQ(encode_payloads({"article:1", "bad tag"}), std::vector<std::string>{"*"});
    EXPECT_EQ(encode_payloads({std::string(MAX_PAYLOAD_BYTES + 1, 'x')}), std::vector<std::string>{"*"});
    EXPECT_EQ(encode_payloads({""}), std::vector<std::string>{"*"});
    EXPECT_FALSE(decode_payload("*"));
    EXPECT_FALSE(decode_payload("article:1 *"));
    EXPECT_TRUE(encode_payloads({}).empty());
}

TEST(ChangeNotifier, AChangeOnOneNodeDropsTheTagOnTheOtherWithinASecond) {
    auto url = testing::test_postgres_url();
    if (!url) return;
    auto channel = testing::unique_name("cong_test");
    Node a(*url, channel), b(*url, channel);
    a.notifier.start();
    b.notifier.start();
    ASSERT_TRUE(a.notifier.wait_until_listening(5s));
    ASSERT_TRUE(b.notifier.wait_until_listening(5s));

    a.notifier.content_changed({"article:42", "listing:1"});
    // Dropped on A at once, before the change leaves the node.
    EXPECT_GE(a.cache.count("article:42"), 1);
    EXPECT_TRUE(b.cache.wait_for_tag("article:42", 1s));
    EXPECT_TRUE(b.cache.wait_for_tag("listing:1", 1s));
    // A hears its own notification too; dropping twice is harmless.
    EXPECT_TRUE(a.cache.wait_for_tag("article:42", 1s, 2));
    EXPECT_EQ(a.notifier.stats().sent, 1u);
    EXPECT_GE(b.notifier.stats().received, 1u);
    EXPECT_EQ(b.cache.full_drops(), 0);
}

TEST(ChangeNotifier, NodesOnAnotherChannelHearNothing) {
    auto url = testing::test_postgres_url();
    if (!url) return;
    Node a(*url, testing::unique_name("cong_test")), other(*url, testing::unique_name("cong_test"));
    a.notifier.start();
    other.notifier.start();
    ASSERT_TRUE(a.notifier.wait_until_listening(5s));
    ASSERT_TRUE(other.notifier.wait_until_listening(5s));
    a.notifier.content_changed({"article:1"});
    ASSERT_TRUE(a.cache.wait_for_tag("article:1", 1s, 2));  // A's own notification has gone round
    EXPECT_EQ(other.cache.count("article:1"), 0);
}

TEST(ChangeNotifier, ALostListenConnectionIsReopenedAndTheWholeCacheDropped) {
    auto url = testing::test_postgres_url();
    if (!url) return;
    auto channel = testing::unique_name("cong_test");
    Node a(*url, channel), b(*url, channel);
    a.notifier.start();
    b.notifier.start();
    ASSERT_TRUE(b.notifier.wait_until_listening(5s));
    int old_pid = b.notifier.stats().backend_pid;
    ASSERT_GT(old_pid, 0);

    testing::terminate_backend(*url, old_pid);
    // B may have missed notifications while away: it drops everything once it listens again.
    ASSERT_TRUE(b.cache.wait_for_full_drop(5s));
    ASSERT_TRUE(b.notifier.wait_until_listening(5s));
    auto stats = b.notifier.stats();
    EXPECT_EQ(stats.reconnects, 1u);
    EXPECT_NE(stats.backend_pid, old_pid);

    a.notifier.content_changed({"article:7"});
    EXPECT_TRUE(b.cache.wait_for_tag("article:7", 1s));
    std::string metrics;
    b.notifier.write_metrics(metrics);
    EXPECT_NE(metrics.find("cong_cluster_listen_reconnects_total 1\n"), std::string::npos) << metrics;
    EXPECT_NE(metrics.find("cong_cluster_listening 1\n"), std::string::npos) << metrics;
}

TEST(ChangeNotifier, ALostSendingConnectionIsReopenedForTheNextChange) {
    auto url = testing::test_postgres_url();
    if (!url) return;
    auto channel = testing::unique_name("cong_test");
    Node a(*url, channel), b(*url, channel);
    b.notifier.start();
    ASSERT_TRUE(b.notifier.wait_until_listening(5s));
    a.notifier.content_changed({"article:1"});
    ASSERT_TRUE(b.cache.wait_for_tag("article:1", 1s));

    // End every session of A's sender, as a database restart would.
    auto admin = storage::postgres::PgConnection::open(*url);
    ASSERT_TRUE(admin);
    ASSERT_TRUE((*admin)->exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                               "WHERE application_name = 'cong-notify' AND pid <> pg_backend_pid()"));
    a.notifier.content_changed({"article:2"});
    EXPECT_TRUE(b.cache.wait_for_tag("article:2", 1s));
    EXPECT_EQ(a.notifier.stats().send_failures, 0u);
}

TEST(ChangeNotifier, AnUnreachableDatabaseIsCountedNotFatalAndLocalTagsStillDrop) {
    // Port 1 on loopback: nothing listens there, the connection is refused at once.
    RecordingCache cache;
    ChangeNotifier notifier({.url = "postgresql://cong@127.0.0.1:1/postgres", .min_backoff = 10ms, .max_backoff = 20ms},
                            cache, [&] { cache.drop_all(); });
    notifier.start();
    notifier.content_changed({"article:3"});
    EXPECT_EQ(cache.count("article:3"), 1);
    EXPECT_EQ(notifier.stats().send_failures, 1u);
    EXPECT_FALSE(notifier.wait_until_listening(100ms));
    notifier.stop();
    EXPECT_FALSE(notifier.stats().listening);
}

}  // namespace
}  // namespace cong::cluster
