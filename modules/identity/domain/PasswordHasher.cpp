// PasswordHasher: libsodium argon2id and randombytes.
#include "domain/IdentityMessages.hpp"
#include "PasswordHasher.hpp"

#include <chrono>
#include <semaphore>
#include <stdexcept>

#include "assay/Error.hpp"

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>
#include <sodium.h>

namespace assay::identity {

namespace {
void init() {
    static const int ok = sodium_init();
    if (ok < 0) throw std::runtime_error("libsodium failed to initialize");
}
std::counting_semaphore<PasswordHasher::kMaxConcurrent>& gate() {
    static std::counting_semaphore<PasswordHasher::kMaxConcurrent> g(PasswordHasher::kMaxConcurrent);
    return g;
}

struct GateSlot {
    GateSlot() {
        if (!gate().try_acquire_for(std::chrono::seconds(10)))
            throw assay::Error::unavailable("password hashing is saturated", 2);
    }
    ~GateSlot() { gate().release(); }
};
}  // namespace

std::string PasswordHasher::hash(const std::string& password) {
    init();
    GateSlot slot;
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        throw std::runtime_error("argon2id hashing ran out of memory");
    return out;
}

bool PasswordHasher::verify(const std::string& storedHash, const std::string& password) {
    init();
    GateSlot slot;
    return crypto_pwhash_str_verify(storedHash.c_str(), password.data(), password.size()) == 0;
}

std::optional<Message> PasswordHasher::weakness(const std::string& password) {
    if (password.size() < 10) return Message(msg::kPasswordTooShort, {{"min", 10}});
    if (password.size() > 128) return Message(msg::kPasswordTooLong, {{"max", 128}});
    bool lower = false, upper = false, digit = false, other = false;
    for (unsigned char c : password) {
        if (c >= 'a' && c <= 'z') lower = true;
        else if (c >= 'A' && c <= 'Z') upper = true;
        else if (c >= '0' && c <= '9') digit = true;
        else other = true;
    }
    if (int(lower) + int(upper) + int(digit) + int(other) < 2)
        return Message(msg::kPasswordMix);
    return std::nullopt;
}

std::string PasswordHasher::randomSecret(const std::string& prefix) {
    init();
    unsigned char raw[32];
    randombytes_buf(raw, sizeof raw);
    char b64[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
    sodium_bin2base64(b64, sizeof b64, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return prefix + b64;
}

std::string PasswordHasher::sha256Hex(const std::string& text) {
    Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
    sha.update(text);
    return Poco::DigestEngine::digestToHex(sha.digest());
}

}  // namespace assay::identity
