// PasswordHasher: argon2id password hashes (libsodium crypto_pwhash_str) and random secrets.
//
// Purpose: passwords are stored only as argon2id strings (with their own salt and cost
// parameters, so costs can be raised later without a migration). Session tokens and API keys
// are 256-bit random values; only their SHA-256 is stored.
// Each hash or verification takes 64 MiB for ~50 ms, so at most kMaxConcurrent run at once;
// callers beyond that wait up to 10 s and then get Error(Unavailable) (503 + Retry-After)
// instead of exhausting memory.
// Thread-safety: all functions are safe from any thread (libsodium is initialized once).
#pragma once

#include <optional>
#include <string>

#include "assay/Message.hpp"

namespace assay::identity {

class PasswordHasher {
public:
    static constexpr int kMaxConcurrent = 4;
    // Errors: std::runtime_error when libsodium cannot allocate the hashing memory.
    static std::string hash(const std::string& password);
    static bool verify(const std::string& storedHash, const std::string& password);
    // Empty when acceptable; otherwise the problem (length 10..128, not all one character class).
    static std::optional<Message> weakness(const std::string& password);
    // 32 random bytes as URL-safe base64 without padding, behind a prefix ("ast_", "ask_").
    static std::string randomSecret(const std::string& prefix);
    static std::string sha256Hex(const std::string& text);
};

}  // namespace assay::identity
