// InstanceKey: ECDSA P-256 over OpenSSL 3's EVP interface.
#include "domain/InstanceKey.hpp"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <cctype>
#include <memory>
#include <vector>

namespace assay::platform {

namespace {
using Key = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using Bio = std::unique_ptr<BIO, decltype(&BIO_free)>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>;

Bio memory(std::string_view data = {}) {
    BIO* b = data.empty() ? BIO_new(BIO_s_mem()) : BIO_new_mem_buf(data.data(), static_cast<int>(data.size()));
    if (!b) throw std::runtime_error("BIO_new failed");
    return Bio(b, BIO_free);
}

std::string drain(BIO* b) {
    char* p = nullptr;
    const long n = BIO_get_mem_data(b, &p);
    return std::string(p, static_cast<std::size_t>(n));
}

std::string hex(const unsigned char* d, std::size_t n) {
    static const char* k = "0123456789abcdef";
    std::string out;
    for (std::size_t i = 0; i < n; ++i) {
        out += k[d[i] >> 4];
        out += k[d[i] & 15];
    }
    return out;
}

std::string base64(std::string_view bytes) {
    std::vector<unsigned char> out(4 * ((bytes.size() + 2) / 3) + 1);
    const int n = EVP_EncodeBlock(out.data(), reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
    return std::string(reinterpret_cast<char*>(out.data()), static_cast<std::size_t>(n));
}

// "" when text is not canonical base64.
std::string unbase64(std::string_view text) {
    if (text.empty() || text.size() % 4 != 0 || text.size() > 4096) return {};
    for (char c : text)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '/' || c == '=')) return {};
    std::vector<unsigned char> out(3 * text.size() / 4 + 1);
    const int n = EVP_DecodeBlock(out.data(), reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
    if (n < 0) return {};
    std::size_t len = static_cast<std::size_t>(n);
    if (text.size() >= 1 && text[text.size() - 1] == '=') --len;
    if (text.size() >= 2 && text[text.size() - 2] == '=') --len;
    return std::string(reinterpret_cast<char*>(out.data()), len);
}

Key readPublic(const std::string& pem) {
    auto b = memory(pem);
    EVP_PKEY* k = PEM_read_bio_PUBKEY(b.get(), nullptr, nullptr, nullptr);
    return Key(k, EVP_PKEY_free);
}

bool isP256(EVP_PKEY* k) {
    if (!k || EVP_PKEY_get_base_id(k) != EVP_PKEY_EC) return false;
    char group[64] = {0};
    std::size_t len = 0;
    if (EVP_PKEY_get_utf8_string_param(k, "group", group, sizeof group, &len) != 1) return false;
    return std::string(group, len) == "prime256v1";
}

std::string idOf(EVP_PKEY* k) {
    unsigned char* der = nullptr;
    const int n = i2d_PUBKEY(k, &der);
    if (n <= 0) throw std::runtime_error("i2d_PUBKEY failed");
    const std::string digest = sha256Hex(std::string_view(reinterpret_cast<char*>(der), static_cast<std::size_t>(n)));
    OPENSSL_free(der);
    return digest.substr(0, 32);
}
}  // namespace

std::string sha256Hex(std::string_view data) {
    unsigned char d[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    if (EVP_Digest(data.data(), data.size(), d, &n, EVP_sha256(), nullptr) != 1) throw std::runtime_error("EVP_Digest failed");
    return hex(d, n);
}

NewInstanceKey generateInstanceKey(const std::string& passphrase) {
    Key key(EVP_EC_gen("P-256"), EVP_PKEY_free);
    if (!key) throw std::runtime_error("EVP_EC_gen failed");
    NewInstanceKey out;
    auto priv = memory();
    if (PEM_write_bio_PKCS8PrivateKey(priv.get(), key.get(), EVP_aes_256_cbc(), passphrase.data(), static_cast<int>(passphrase.size()),
                                      nullptr, nullptr) != 1)
        throw std::runtime_error("PEM_write_bio_PKCS8PrivateKey failed");
    out.encryptedPrivatePem = drain(priv.get());
    auto pub = memory();
    if (PEM_write_bio_PUBKEY(pub.get(), key.get()) != 1) throw std::runtime_error("PEM_write_bio_PUBKEY failed");
    out.publicPem = drain(pub.get());
    out.keyId = idOf(key.get());
    return out;
}

std::string keyIdOf(const std::string& publicPem) {
    Key k = readPublic(publicPem);
    if (!isP256(k.get())) return {};
    return idOf(k.get());
}

std::string signBase64(const std::string& encryptedPrivatePem, const std::string& passphrase, std::string_view data) {
    auto b = memory(encryptedPrivatePem);
    Key key(PEM_read_bio_PrivateKey(b.get(), nullptr, nullptr, const_cast<char*>(passphrase.c_str())), EVP_PKEY_free);
    if (!key) throw KeyLocked();
    MdCtx ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    std::size_t len = 0;
    if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1 ||
        EVP_DigestSign(ctx.get(), nullptr, &len, reinterpret_cast<const unsigned char*>(data.data()), data.size()) != 1)
        throw std::runtime_error("EVP_DigestSign failed");
    std::string sig(len, '\0');
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &len, reinterpret_cast<const unsigned char*>(data.data()),
                       data.size()) != 1)
        throw std::runtime_error("EVP_DigestSign failed");
    sig.resize(len);
    return base64(sig);
}

bool verifyBase64(const std::string& publicPem, std::string_view data, std::string_view signatureBase64) {
    const std::string sig = unbase64(signatureBase64);
    if (sig.empty()) return false;
    Key key = readPublic(publicPem);
    if (!isP256(key.get())) return false;
    MdCtx ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1) return false;
    return EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(sig.data()), sig.size(),
                            reinterpret_cast<const unsigned char*>(data.data()), data.size()) == 1;
}

}  // namespace assay::platform
