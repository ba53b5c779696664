#include "cluster/pg_session.hpp"

#include <gtest/gtest.h>

namespace cong::cluster {
namespace {

TEST(SessionUrl, GetsTimeoutsAndANameInPgStatActivity) {
    auto url = session_url("postgresql://cong@db.internal/cong", "cong-listen");
    EXPECT_EQ(url.rfind("postgresql://cong@db.internal/cong?connect_timeout=5&", 0), 0u) << url;
    EXPECT_NE(url.find("&keepalives_idle=5&"), std::string::npos) << url;
    EXPECT_NE(url.find("&tcp_user_timeout=10000&"), std::string::npos) << url;
    EXPECT_TRUE(url.ends_with("&application_name=cong-listen")) << url;
}

TEST(SessionUrl, KeepsWhatTheOperatorSetAndAddsTheRestAfterTheirParameters) {
    auto url = session_url("postgresql://cong@db1,db2/cong?target_session_attrs=read-write&connect_timeout=2",
                           "cong-jobs");
    EXPECT_EQ(url.find("connect_timeout=5"), std::string::npos) << url;
    EXPECT_NE(url.find("?target_session_attrs=read-write&connect_timeout=2&keepalives_idle=5"), std::string::npos) << url;
    EXPECT_TRUE(url.ends_with("&application_name=cong-jobs")) << url;
}

}  // namespace
}  // namespace cong::cluster
