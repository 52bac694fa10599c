// A signatory's key and the report signatures (domain/Signing): ECDSA P-256 with a self-signed
// certificate, the private key opened only by its password, detached CMS that the openssl
// command line verifies alone, and a changed byte detected (R11, R37).
#include <boost/test/unit_test.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "domain/Signing.hpp"

using namespace assay::reports;

namespace {
void write(const std::filesystem::path& p, const std::string& bytes) {
    std::ofstream out(p, std::ios::binary);
    out << bytes;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(signing)

BOOST_AUTO_TEST_CASE(a_signature_verifies_with_the_certificate_and_a_changed_byte_or_wrong_password_fails_R11_R37) {
    const auto key = generateKey("赵敏", "广东省质量检验检测研究院", "Sign-pw-2026", 42, 3650);
    BOOST_TEST(key.certificatePem.find("BEGIN CERTIFICATE") != std::string::npos);
    BOOST_TEST(key.encryptedKeyPem.find("BEGIN ENCRYPTED PRIVATE KEY") != std::string::npos);  // never stored in the clear
    BOOST_TEST(key.fingerprint.size() == 64u);
    const std::string doc = R"({"number":"GDQT-R2026000001","result":"0.12"})";
    const std::string sig = sign(key.encryptedKeyPem, "Sign-pw-2026", doc);
    BOOST_TEST(verify(key.certificatePem, doc, sig));
    std::string changed = doc;
    changed[changed.size() - 3] = '3';
    BOOST_TEST(!verify(key.certificatePem, changed, sig));
    BOOST_CHECK_THROW(sign(key.encryptedKeyPem, "wrong-password", doc), WrongPassword);
    const auto other = generateKey("李四", "广东省质量检验检测研究院", "Other-pw-2026", 43, 3650);
    BOOST_TEST(!verify(other.certificatePem, doc, sig));  // another person's certificate
    BOOST_TEST(unbase64(base64(sig)) == sig);
    // docs/verification.md step 3, with the openssl command line alone.
    const auto dir = std::filesystem::temp_directory_path() / ("assay-dgst-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    write(dir / "report.json", doc);
    write(dir / "changed.json", changed);
    write(dir / "report.sig", sig);
    write(dir / "signatory.pem", key.certificatePem);
    const std::string d = dir.string();
    BOOST_TEST(std::system(("openssl x509 -in " + d + "/signatory.pem -pubkey -noout > " + d + "/signatory.pub").c_str()) == 0);
    const std::string dgst = "openssl dgst -sha256 -verify " + d + "/signatory.pub -signature " + d + "/report.sig ";
    BOOST_TEST(std::system((dgst + d + "/report.json > /dev/null 2>&1").c_str()) == 0);
    BOOST_TEST(std::system((dgst + d + "/changed.json > /dev/null 2>&1").c_str()) != 0);
    std::filesystem::remove_all(dir);
}

BOOST_AUTO_TEST_CASE(a_detached_cms_signature_is_verified_by_the_openssl_command_line_alone_and_detects_a_changed_byte_R37) {
    const auto key = generateKey("赵敏", "广东省质量检验检测研究院", "Sign-pw-2026", 7, 3650);
    std::string pdf = "%PDF-1.5\n%\xE2\xE3\xCF\xD3\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n";
    const std::string cms = cmsSign(key.encryptedKeyPem, "Sign-pw-2026", key.certificatePem, pdf);
    BOOST_TEST(cmsVerify(key.certificatePem, pdf, cms));
    std::string changed = pdf;
    changed[10] ^= 1;
    BOOST_TEST(!cmsVerify(key.certificatePem, changed, cms));
    const auto other = generateKey("李四", "广东省质量检验检测研究院", "Other-pw-2026", 8, 3650);
    BOOST_TEST(!cmsVerify(other.certificatePem, pdf, cms));  // not this signatory's signature
    BOOST_TEST(!cmsVerify(key.certificatePem, pdf, "not a CMS structure"));
    // What docs/verification.md tells a third party to run.
    const auto dir = std::filesystem::temp_directory_path() / ("assay-sign-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    write(dir / "report.pdf", pdf);
    write(dir / "report.p7s", cms);
    write(dir / "signatory.pem", key.certificatePem);
    write(dir / "changed.pdf", changed);
    const std::string base = "openssl cms -verify -binary -inform DER -in " + (dir / "report.p7s").string() + " -CAfile " +
                             (dir / "signatory.pem").string() + " -out /dev/null -content ";
    BOOST_TEST(std::system((base + (dir / "report.pdf").string() + " 2>/dev/null").c_str()) == 0);
    BOOST_TEST(std::system((base + (dir / "changed.pdf").string() + " 2>/dev/null").c_str()) != 0);
    std::filesystem::remove_all(dir);
}

BOOST_AUTO_TEST_SUITE_END()
