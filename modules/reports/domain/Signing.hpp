// Signing: a signatory's own key pair and certificate, and signatures over a report.
//
// Purpose: generateKey() makes an ECDSA P-256 key pair and a self-signed X.509 certificate
// naming the signatory and the lab (the lab publishes it for verification); the private key is
// kept only as encrypted PKCS#8 PEM (AES-256-CBC, key from the signatory's password by the
// scheme OpenSSL 3 chooses), so it is unlocked only with that password at signing time (R11:
// one person, one key). sign() gives a DER ECDSA-SHA256 signature; cmsSign() a detached
// CMS/PKCS#7 signature (SignedData, DER) of bytes that `openssl cms -verify` checks. Both
// verify functions need only the certificate. Errors: std::runtime_error from OpenSSL, and
// WrongPassword when the key does not open.
// Thread-safety: pure functions (OpenSSL 3 is thread-safe).
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace assay::reports {

struct WrongPassword : std::runtime_error {
    WrongPassword() : std::runtime_error("the password does not open the signing key") {}
};

struct GeneratedKey {
    std::string certificatePem;
    std::string encryptedKeyPem;
    std::string fingerprint;  // SHA-256 of the certificate's DER, lowercase hex
};

GeneratedKey generateKey(const std::string& commonName, const std::string& organization, const std::string& password, long serial,
                         int validDays);
std::string sign(const std::string& encryptedKeyPem, const std::string& password, std::string_view data);
bool verify(const std::string& certificatePem, std::string_view data, std::string_view derSignature);
std::string cmsSign(const std::string& encryptedKeyPem, const std::string& password, const std::string& certificatePem,
                    std::string_view data);
bool cmsVerify(const std::string& certificatePem, std::string_view data, std::string_view derCms);
// What an issue signs, with the key opened once (opening it is most of the signing cost): the
// ECDSA signature of the canonical JSON and the detached CMS of the PDF.
struct ReportSignatures {
    std::string canonical;  // DER ECDSA-SHA256
    std::string pdfCms;     // DER CMS SignedData
};
ReportSignatures signReport(const std::string& encryptedKeyPem, const std::string& password, const std::string& certificatePem,
                            std::string_view canonical, std::string_view pdf);
std::string sha256Hex(std::string_view data);
// A random public code (base32, 16 characters: 80 bits) for the verification URL.
std::string randomCode();
std::string base64(std::string_view bytes);
std::string unbase64(std::string_view text);  // "" when it is not base64

}  // namespace assay::reports
