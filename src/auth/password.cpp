#include "auth/password.hpp"

#include "core/crypto.hpp"

#include <sodium.h>

#include <stdexcept>

namespace cong::auth {

core::Result<void> check_password_policy(std::string_view password) {
    if (password.size() < MIN_PASSWORD_BYTES) {
        return core::Error{core::Errc::InvalidInput, "Mật khẩu phải có ít nhất 10 ký tự", "password"};
    }
    if (password.size() > MAX_PASSWORD_BYTES) {
        return core::Error{core::Errc::InvalidInput, "Mật khẩu không được dài quá 1024 byte", "password"};
    }
    return {};
}

std::string hash_password(std::string_view password) {
    core::ensure_sodium_started();
    // The INTERACTIVE limits (2 passes over 64 MiB) take about a tenth of a second: fast enough for a login
    // form, costly for anyone guessing offline, and modest enough that a small government VM survives a burst
    // of logins. The SENSITIVE limits would need 1 GiB per login attempt.
    char hash[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(hash, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
        throw std::runtime_error("argon2id hashing ran out of memory");
    }
    return std::string{hash};
}

bool verify_password(std::string_view hash, std::string_view password) {
    core::ensure_sodium_started();
    // libsodium reads the hash as a NUL-terminated string of at most STRBYTES - 1 characters.
    char terminated[crypto_pwhash_STRBYTES] = {};
    if (hash.empty() || hash.size() >= sizeof terminated) return false;
    hash.copy(terminated, hash.size());
    return crypto_pwhash_str_verify(terminated, password.data(), password.size()) == 0;
}

}  // namespace cong::auth
