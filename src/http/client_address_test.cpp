#include "http/client_address.hpp"

#include <gtest/gtest.h>

namespace cong::http {
namespace {

TrustedProxies trust(std::string_view text) {
    auto parsed = TrustedProxies::parse(text);
    EXPECT_TRUE(parsed) << text;
    return parsed ? *parsed : TrustedProxies{};
}

TEST(ClientAddress, ForwardedForIsIgnoredUnlessTheOperatorTrustsAProxy) {
    EXPECT_EQ(client_address("203.0.113.9", "1.2.3.4", trust("")), "203.0.113.9");
    EXPECT_EQ(client_address("203.0.113.9", "1.2.3.4", trust("127.0.0.1")), "203.0.113.9");
}

TEST(ClientAddress, BehindATrustedProxyTheAddressItSawIsTheClient) {
    EXPECT_EQ(client_address("127.0.0.1", "198.51.100.20", trust("127.0.0.1")), "198.51.100.20");
    EXPECT_EQ(client_address("::ffff:127.0.0.1", "198.51.100.20", trust("127.0.0.1")), "198.51.100.20");
    EXPECT_EQ(client_address("::1", "2001:db8::5", trust("::1")), "2001:db8::5");
}

TEST(ClientAddress, AForgedLeftPartOfTheChainIsNotBelieved) {
    // The client sent "X-Forwarded-For: 6.6.6.6"; the load balancer 10.0.0.2 appended the real address, and nginx
    // on 127.0.0.1 appended the balancer's.
    auto proxies = trust("127.0.0.1, 10.0.0.0/8");
    EXPECT_EQ(client_address("127.0.0.1", "6.6.6.6, 198.51.100.20, 10.0.0.2", proxies), "198.51.100.20");
    // Garbage stops the walk at the last good address.
    EXPECT_EQ(client_address("127.0.0.1", "198.51.100.20, <script>, 10.0.0.2", proxies), "10.0.0.2");
    EXPECT_EQ(client_address("127.0.0.1", "", proxies), "127.0.0.1");
}

TEST(ClientAddress, NetworksMatchByPrefix) {
    auto proxies = trust("10.1.0.0/16 192.168.1.128/25 fd00::/8");
    EXPECT_TRUE(proxies.contains("10.1.200.3"));
    EXPECT_FALSE(proxies.contains("10.2.0.1"));
    EXPECT_TRUE(proxies.contains("192.168.1.200"));
    EXPECT_FALSE(proxies.contains("192.168.1.100"));
    EXPECT_TRUE(proxies.contains("fd12:3456::1"));
    EXPECT_FALSE(proxies.contains("fe80::1"));
    EXPECT_FALSE(proxies.contains("not an address"));
}

TEST(ClientAddress, ABadProxyEntryIsRefusedWithItsName) {
    for (std::string_view bad : {"10.0.0.0/33", "localhost", "10.0.0.1/", "::1/129", "1.2.3.4/x"}) {
        auto parsed = TrustedProxies::parse(bad);
        ASSERT_FALSE(parsed) << bad;
        EXPECT_NE(parsed.error().detail.find(std::string(bad)), std::string::npos);
    }
}

}  // namespace
}  // namespace cong::http
