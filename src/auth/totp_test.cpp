#include "auth/totp.hpp"

#include <gtest/gtest.h>

namespace cong::auth {
namespace {

// RFC 6238 appendix B: the SHA-1 seed is the ASCII string "12345678901234567890".
const std::string RFC_KEY = "12345678901234567890";

core::Timestamp at(std::int64_t seconds) {
    return core::Timestamp{std::chrono::seconds{seconds}};
}

struct Vector {
    std::int64_t time;
    const char* eight_digits;
};

const Vector RFC_VECTORS[] = {
    {59, "94287082"},         {1111111109, "07081804"}, {1111111111, "14050471"},
    {1234567890, "89005924"}, {2000000000, "69279037"}, {20000000000, "65353130"},
};

TEST(Totp, MatchesTheRfc6238Sha1TestVectors) {
    for (const auto& v : RFC_VECTORS) {
        EXPECT_EQ(totp_code(RFC_KEY, totp_step(at(v.time)), 8), v.eight_digits) << v.time;
        // Six digits are the last six of the same number.
        EXPECT_EQ(totp_code(RFC_KEY, totp_step(at(v.time))), std::string(v.eight_digits).substr(2)) << v.time;
    }
}

TEST(Totp, AcceptsTheCurrentCodeAndOneStepEitherSide) {
    auto secret = base32_encode(RFC_KEY);
    auto now = at(1111111111);
    auto step = totp_step(now);
    EXPECT_EQ(verify_totp(secret, totp_code(RFC_KEY, step), now, std::nullopt), step);
    EXPECT_EQ(verify_totp(secret, totp_code(RFC_KEY, step - 1), now, std::nullopt), step - 1);
    EXPECT_EQ(verify_totp(secret, totp_code(RFC_KEY, step + 1), now, std::nullopt), step + 1);
    EXPECT_FALSE(verify_totp(secret, totp_code(RFC_KEY, step + 2), now, std::nullopt));
    EXPECT_FALSE(verify_totp(secret, totp_code(RFC_KEY, step - 2), now, std::nullopt));
}

TEST(Totp, RefusesACodeOfAStepAlreadyAccepted) {
    auto secret = base32_encode(RFC_KEY);
    auto now = at(1234567890);
    auto step = totp_step(now);
    auto code = totp_code(RFC_KEY, step);
    EXPECT_FALSE(verify_totp(secret, code, now, step));
    EXPECT_FALSE(verify_totp(secret, totp_code(RFC_KEY, step - 1), now, step - 1));
    EXPECT_EQ(verify_totp(secret, totp_code(RFC_KEY, step + 1), now, step), step + 1);
}

TEST(Totp, RefusesCodesThatAreNotSixDigits) {
    auto secret = base32_encode(RFC_KEY);
    auto now = at(59);
    auto code = totp_code(RFC_KEY, totp_step(now));
    EXPECT_FALSE(verify_totp(secret, code.substr(1), now, std::nullopt));
    EXPECT_FALSE(verify_totp(secret, code + "0", now, std::nullopt));
    EXPECT_FALSE(verify_totp(secret, "abcdef", now, std::nullopt));
    EXPECT_FALSE(verify_totp(secret, "", now, std::nullopt));
    EXPECT_FALSE(verify_totp("not base32!", code, now, std::nullopt));
}

TEST(Totp, Base32RoundTripsAndReadsWhatPeopleType) {
    EXPECT_EQ(base32_encode("foobar"), "MZXW6YTBOI");  // RFC 4648 §10, without padding
    EXPECT_EQ(base32_decode("MZXW6YTBOI"), "foobar");
    EXPECT_EQ(base32_decode("mzxw 6ytb oi======"), "foobar");
    EXPECT_FALSE(base32_decode("MZXW1"));  // 1 is not in the alphabet
    auto secret = new_totp_secret();
    EXPECT_EQ(secret.size(), 32u);  // 20 bytes → 32 characters
    EXPECT_EQ(base32_decode(secret)->size(), TOTP_SECRET_BYTES);
    EXPECT_NE(new_totp_secret(), secret);
}

TEST(Totp, UriNamesIssuerAccountAndParameters) {
    auto uri = totp_uri("Cổng Thọ Xuân", "admin", "MZXW6YTBOI");
    EXPECT_EQ(uri,
              "otpauth://totp/C%E1%BB%95ng%20Th%E1%BB%8D%20Xu%C3%A2n:admin?secret=MZXW6YTBOI"
              "&issuer=C%E1%BB%95ng%20Th%E1%BB%8D%20Xu%C3%A2n&algorithm=SHA1&digits=6&period=30");
}

}  // namespace
}  // namespace cong::auth
