// Signing: OpenSSL 3 EVP, X509 and CMS, each object owned by a unique_ptr with its free function.
#include "domain/Signing.hpp"

#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>

#include <memory>

namespace assay::reports {

namespace {
template <class T, void (*F)(T*)>
struct Deleter {
    void operator()(T* p) const { F(p); }
};
using Bio = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;
using Key = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using Cert = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX, EVP_MD_CTX_free>>;
using Cms = std::unique_ptr<CMS_ContentInfo, Deleter<CMS_ContentInfo, CMS_ContentInfo_free>>;
using Store = std::unique_ptr<X509_STORE, Deleter<X509_STORE, X509_STORE_free>>;

void sk_X509_free_stack(STACK_OF(X509) * s) { sk_X509_free(s); }  // the certificates stay owned by their Cert

[[noreturn]] void fail(const std::string& what) {
    char buf[256] = {0};
    ERR_error_string_n(ERR_get_error(), buf, sizeof buf);
    ERR_clear_error();
    throw std::runtime_error("signing: " + what + (buf[0] ? std::string(" (") + buf + ")" : ""));
}

Bio memory(std::string_view data = {}) {
    Bio b(data.empty() ? BIO_new(BIO_s_mem()) : BIO_new_mem_buf(data.data(), static_cast<int>(data.size())));
    if (!b) fail("no memory BIO");
    return b;
}

std::string drain(BIO* b) {
    char* p = nullptr;
    const long n = BIO_get_mem_data(b, &p);
    return std::string(p, static_cast<std::size_t>(n));
}

Key openKey(const std::string& pem, const std::string& password) {
    Bio b = memory(pem);
    Key k(PEM_read_bio_PrivateKey(b.get(), nullptr, nullptr, const_cast<char*>(password.c_str())));
    if (!k) {
        ERR_clear_error();
        throw WrongPassword();
    }
    return k;
}

Cert readCert(const std::string& pem) {
    Bio b = memory(pem);
    Cert c(PEM_read_bio_X509(b.get(), nullptr, nullptr, nullptr));
    if (!c) fail("not a PEM certificate");
    return c;
}

bool addName(X509_NAME* name, const char* field, const std::string& value) {
    return X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(value.c_str()), -1, -1, 0) == 1;
}
}  // namespace

std::string sha256Hex(std::string_view data) {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    if (EVP_Digest(data.data(), data.size(), md, &n, EVP_sha256(), nullptr) != 1) fail("sha256");
    static const char* kHex = "0123456789abcdef";
    std::string out;
    for (unsigned int i = 0; i < n; ++i) out += {kHex[md[i] >> 4], kHex[md[i] & 15]};
    return out;
}

std::string randomCode() {
    unsigned char bytes[10];
    if (RAND_bytes(bytes, sizeof bytes) != 1) fail("no random bytes");
    static const char* kAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";  // no I, O, 0, 1
    std::string out;
    unsigned long long bits = 0;
    int have = 0;
    for (unsigned char b : bytes) {
        bits = (bits << 8) | b;
        have += 8;
        while (have >= 5) {
            out += kAlphabet[(bits >> (have - 5)) & 31];
            have -= 5;
        }
    }
    return out;
}

std::string base64(std::string_view bytes) {
    std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
    const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), reinterpret_cast<const unsigned char*>(bytes.data()),
                                  static_cast<int>(bytes.size()));
    out.resize(static_cast<std::size_t>(n));
    return out;
}

std::string unbase64(std::string_view text) {
    if (text.empty() || text.size() % 4 != 0) return "";
    std::string out(text.size() / 4 * 3 + 1, '\0');
    const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()), reinterpret_cast<const unsigned char*>(text.data()),
                                  static_cast<int>(text.size()));
    if (n < 0) return "";
    std::size_t size = static_cast<std::size_t>(n);
    if (text.size() >= 1 && text[text.size() - 1] == '=') --size;  // EVP_DecodeBlock counts the padding
    if (text.size() >= 2 && text[text.size() - 2] == '=') --size;
    out.resize(size);
    return out;
}

GeneratedKey generateKey(const std::string& commonName, const std::string& organization, const std::string& password, long serial,
                         int validDays) {
    Key key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
    if (!key) fail("cannot generate a P-256 key");
    Cert cert(X509_new());
    if (!cert) fail("no certificate");
    X509_set_version(cert.get(), 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), serial);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), 0);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), static_cast<long>(validDays) * 86400L);
    X509_set_pubkey(cert.get(), key.get());
    X509_NAME* name = X509_get_subject_name(cert.get());
    if (!addName(name, "CN", commonName) || !addName(name, "O", organization)) fail("certificate name");
    X509_set_issuer_name(cert.get(), name);  // self-signed: the lab publishes it
    if (X509_sign(cert.get(), key.get(), EVP_sha256()) <= 0) fail("cannot sign the certificate");
    GeneratedKey out;
    {
        Bio b = memory();
        if (PEM_write_bio_X509(b.get(), cert.get()) != 1) fail("certificate PEM");
        out.certificatePem = drain(b.get());
    }
    {
        Bio b = memory();
        if (PEM_write_bio_PKCS8PrivateKey(b.get(), key.get(), EVP_aes_256_cbc(), password.data(), static_cast<int>(password.size()), nullptr,
                                          nullptr) != 1)
            fail("encrypted key PEM");
        out.encryptedKeyPem = drain(b.get());
    }
    unsigned char* der = nullptr;
    const int n = i2d_X509(cert.get(), &der);
    if (n <= 0) fail("certificate DER");
    out.fingerprint = sha256Hex(std::string_view(reinterpret_cast<const char*>(der), static_cast<std::size_t>(n)));
    OPENSSL_free(der);
    return out;
}

namespace {
std::string signWith(const Key& key, std::string_view data) {
    MdCtx ctx(EVP_MD_CTX_new());
    std::size_t n = 0;
    if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1 ||
        EVP_DigestSign(ctx.get(), nullptr, &n, reinterpret_cast<const unsigned char*>(data.data()), data.size()) != 1)
        fail("cannot sign");
    std::string sig(n, '\0');
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &n, reinterpret_cast<const unsigned char*>(data.data()),
                       data.size()) != 1)
        fail("cannot sign");
    sig.resize(n);
    return sig;
}

std::string cmsWith(const Key& key, const std::string& certificatePem, std::string_view data) {
    Cert cert = readCert(certificatePem);
    Bio in = memory(data);
    Cms cms(CMS_sign(cert.get(), key.get(), nullptr, in.get(), CMS_DETACHED | CMS_BINARY));
    if (!cms) fail("cannot make the CMS signature");
    Bio out = memory();
    if (i2d_CMS_bio(out.get(), cms.get()) != 1) fail("CMS DER");
    return drain(out.get());
}
}  // namespace

std::string sign(const std::string& encryptedKeyPem, const std::string& password, std::string_view data) {
    return signWith(openKey(encryptedKeyPem, password), data);
}

ReportSignatures signReport(const std::string& encryptedKeyPem, const std::string& password, const std::string& certificatePem,
                            std::string_view canonical, std::string_view pdf) {
    const Key key = openKey(encryptedKeyPem, password);
    return {signWith(key, canonical), cmsWith(key, certificatePem, pdf)};
}

bool verify(const std::string& certificatePem, std::string_view data, std::string_view derSignature) {
    Cert cert = readCert(certificatePem);
    Key key(X509_get_pubkey(cert.get()));
    MdCtx ctx(EVP_MD_CTX_new());
    if (!key || !ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1) fail("cannot verify");
    const int ok = EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(derSignature.data()), derSignature.size(),
                                    reinterpret_cast<const unsigned char*>(data.data()), data.size());
    ERR_clear_error();
    return ok == 1;
}

std::string cmsSign(const std::string& encryptedKeyPem, const std::string& password, const std::string& certificatePem,
                    std::string_view data) {
    return cmsWith(openKey(encryptedKeyPem, password), certificatePem, data);
}

bool cmsVerify(const std::string& certificatePem, std::string_view data, std::string_view derCms) {
    Cert cert = readCert(certificatePem);
    Bio der = memory(derCms);
    Cms cms(d2i_CMS_bio(der.get(), nullptr));
    if (!cms) {
        ERR_clear_error();
        return false;
    }
    Store store(X509_STORE_new());
    if (!store || X509_STORE_add_cert(store.get(), cert.get()) != 1) fail("trust store");
    Bio content = memory(data);
    // The signer must be this certificate (CMS_NOINTERN: not one the signature carries), and it
    // must verify as its own trust anchor, as `openssl cms -verify -CAfile cert.pem` does.
    std::unique_ptr<STACK_OF(X509), Deleter<STACK_OF(X509), sk_X509_free_stack>> signers(sk_X509_new_null());
    if (!signers || sk_X509_push(signers.get(), cert.get()) <= 0) fail("signer list");
    const int ok = CMS_verify(cms.get(), signers.get(), store.get(), content.get(), nullptr, CMS_BINARY | CMS_NOINTERN);
    ERR_clear_error();
    return ok == 1;
}

}  // namespace assay::reports
