// InstanceKey: a lab instance's ECDSA P-256 key pair, the signature of the platform link.
//
// Purpose: generate() makes a key pair; the private key is kept only as encrypted PKCS#8 PEM
// (AES-256-CBC under a passphrase, like a signatory's key), the public key as SubjectPublicKeyInfo
// PEM, and keyId() names it (the first 32 hex digits of the SHA-256 of its DER). sign() gives a
// base64 DER ECDSA-SHA256 signature; verify() needs only the public key. verify() never throws on
// bad input (an unreadable key or signature is a failed verification).
// Thread-safety: pure functions (OpenSSL 3 is thread-safe).
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace assay::platform {

struct NewInstanceKey {
    std::string keyId;
    std::string publicPem;
    std::string encryptedPrivatePem;
};

struct KeyLocked : std::runtime_error {
    KeyLocked() : std::runtime_error("the instance key does not open with the configured passphrase") {}
};

NewInstanceKey generateInstanceKey(const std::string& passphrase);
// The key id of a public key PEM; "" when it is not a P-256 public key.
std::string keyIdOf(const std::string& publicPem);
// Errors: KeyLocked when the passphrase does not open the key; std::runtime_error from OpenSSL.
std::string signBase64(const std::string& encryptedPrivatePem, const std::string& passphrase, std::string_view data);
bool verifyBase64(const std::string& publicPem, std::string_view data, std::string_view signatureBase64);
std::string sha256Hex(std::string_view data);

}  // namespace assay::platform
