#include "auth/password.hpp"

#include <gtest/gtest.h>

namespace cong::auth {
namespace {

TEST(Password, HashVerifiesOnlyTheSamePassword) {
    std::string hash = hash_password("mật khẩu của Lan 2024");
    EXPECT_EQ(hash.rfind("$argon2id$", 0), 0u);
    EXPECT_TRUE(verify_password(hash, "mật khẩu của Lan 2024"));
    EXPECT_FALSE(verify_password(hash, "mật khẩu của Lan 2025"));
    EXPECT_FALSE(verify_password(hash, ""));
}

TEST(Password, SamePasswordHashesDifferentlyEachTime) {
    EXPECT_NE(hash_password("correct horse battery"), hash_password("correct horse battery"));
}

TEST(Password, MalformedHashesNeverMatch) {
    EXPECT_FALSE(verify_password("", "anything at all"));
    EXPECT_FALSE(verify_password("$argon2id$v=19$m=65536,t=2,p=1$garbage", "anything at all"));
    EXPECT_FALSE(verify_password(std::string(500, 'x'), "anything at all"));
}

TEST(Password, PolicyAcceptsTenToTenTwentyFourBytes) {
    EXPECT_TRUE(check_password_policy("0123456789").has_value());
    EXPECT_TRUE(check_password_policy(std::string(1024, 'a')).has_value());
    auto too_short = check_password_policy("012345678");
    ASSERT_FALSE(too_short.has_value());
    EXPECT_EQ(too_short.error().code, core::Errc::InvalidInput);
    EXPECT_EQ(too_short.error().field, "password");
    EXPECT_EQ(too_short.error().detail, "Mật khẩu phải có ít nhất 10 ký tự");
    auto too_long = check_password_policy(std::string(1025, 'a'));
    ASSERT_FALSE(too_long.has_value());
    EXPECT_EQ(too_long.error().code, core::Errc::InvalidInput);
}

}  // namespace
}  // namespace cong::auth
