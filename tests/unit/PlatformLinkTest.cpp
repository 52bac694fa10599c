// The platform link's pure parts (modules/platform): the envelope's canonical JSON and signature,
// the reading of a wire envelope with every bad field named, the instance key, and the
// catalogue's own terms for one- and two-character Chinese words and standard numbers.
#include <boost/test/unit_test.hpp>

#include <algorithm>

#include "assay/Json.hpp"
#include "domain/Envelope.hpp"
#include "domain/InstanceKey.hpp"
#include "domain/SearchTerms.hpp"

using namespace assay;
using namespace assay::platform;

namespace {
const std::string kPass = "instance-pass-123";

Envelope sample(const NewInstanceKey& key) {
    Envelope e;
    e.lab = 42;
    e.seq = 7;
    e.type = kTypeReport;
    e.occurredAt = "2026-12-07T10:00:00+08:00";
    e.keyId = key.keyId;
    e.body = parseObject(R"({"status":"issued","number":"GDQT-R2026000001","pdf_sha256":"ab"})");
    e.signature = signBase64(key.encryptedPrivatePem, kPass, signedText(e));
    return e;
}

bool hasField(const ParsedEnvelope& p, const std::string& field) {
    return std::any_of(p.errors.begin(), p.errors.end(), [&](const FieldError& f) { return f.field == field; });
}

bool contains(const std::string& terms, const std::string& t) { return (" " + terms + " ").find(" " + t + " ") != std::string::npos; }
}  // namespace

BOOST_AUTO_TEST_SUITE(platform_link)

BOOST_AUTO_TEST_CASE(canonical_json_sorts_keys_at_every_depth_escapes_only_what_json_must_and_refuses_fractions) {
    const auto a = parseObject(R"({"b":1,"a":{"z":"铅\"\n","y":[true,null,-3]}})");
    BOOST_TEST(canonicalJson(a) == R"({"a":{"y":[true,null,-3],"z":"铅\"\n"},"b":1})");
    const auto b = parseObject(R"({ "a" : { "y" : [ true , null , -3 ] , "z" : "铅\"\n" } , "b" : 1 })");
    BOOST_TEST(canonicalJson(a) == canonicalJson(b));  // white space and order do not change what is signed
    BOOST_CHECK_THROW(canonicalJson(parseObject(R"({"price":1.5})")), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(an_envelope_verifies_with_its_key_and_fails_when_any_field_changes_or_another_key_signed_it) {
    const auto key = generateInstanceKey(kPass);
    BOOST_TEST(key.encryptedPrivatePem.find("BEGIN ENCRYPTED PRIVATE KEY") != std::string::npos);  // never stored in the clear
    BOOST_TEST(keyIdOf(key.publicPem) == key.keyId);
    BOOST_TEST(key.keyId.size() == 32u);
    Envelope e = sample(key);
    BOOST_TEST(verifyBase64(key.publicPem, signedText(e), e.signature));
    // The wire form reads back to the same signed text.
    const auto back = parseEnvelope(wireJson(e));
    BOOST_REQUIRE(back.envelope);
    BOOST_TEST(verifyBase64(key.publicPem, signedText(*back.envelope), back.envelope->signature));
    Envelope changed = e;
    changed.seq = 8;
    BOOST_TEST(!verifyBase64(key.publicPem, signedText(changed), e.signature));
    changed = e;
    changed.body = parseObject(R"({"status":"withdrawn","number":"GDQT-R2026000001","pdf_sha256":"ab"})");
    BOOST_TEST(!verifyBase64(key.publicPem, signedText(changed), e.signature));
    changed = e;
    changed.lab = 43;
    BOOST_TEST(!verifyBase64(key.publicPem, signedText(changed), e.signature));
    const auto other = generateInstanceKey(kPass);
    BOOST_TEST(!verifyBase64(other.publicPem, signedText(e), e.signature));
    BOOST_TEST(!verifyBase64(key.publicPem, signedText(e), "not base64!"));
    BOOST_TEST(!verifyBase64("not a key", signedText(e), e.signature));
}

BOOST_AUTO_TEST_CASE(an_instance_key_opens_only_with_its_passphrase) {
    const auto key = generateInstanceKey(kPass);
    BOOST_CHECK_THROW(signBase64(key.encryptedPrivatePem, "wrong-pass", "x"), KeyLocked);
    BOOST_CHECK_NO_THROW(signBase64(key.encryptedPrivatePem, kPass, "x"));
}

BOOST_AUTO_TEST_CASE(a_malformed_envelope_names_every_bad_field_and_never_throws) {
    BOOST_TEST(hasField(parseEnvelope("{not json"), "body"));
    BOOST_TEST(hasField(parseEnvelope("[1]"), "body"));
    const auto p = parseEnvelope(R"({"lab":"x1","seq":0,"type":"scope.secret","occurred_at":"t","key_id":"k","signature":"s","extra":1})");
    BOOST_TEST(!p.envelope);
    BOOST_TEST(hasField(p, "lab"));
    BOOST_TEST(hasField(p, "seq"));   // seq starts at 1
    BOOST_TEST(hasField(p, "type"));  // only the link's types
    BOOST_TEST(hasField(p, "body"));  // missing
    BOOST_TEST(hasField(p, "extra"));
    const auto huge = parseEnvelope(R"({"lab":"1","seq":99999999999999999999,"type":"report","occurred_at":"t","key_id":"k","signature":"s","body":{}})");
    BOOST_TEST(hasField(huge, "seq"));
    const auto fraction =
        parseEnvelope(R"({"lab":"1","seq":1,"type":"report","occurred_at":"t","key_id":"k","signature":"s","body":{"price":1.5}})");
    BOOST_TEST(hasField(fraction, "body"));
    const auto control = parseEnvelope(std::string(R"({"lab":"1","seq":1,"type":"report","occurred_at":"t)") + "\x01" +
                                       R"(","key_id":"k","signature":"s","body":{}})");
    BOOST_TEST(!control.envelope);
}

BOOST_AUTO_TEST_CASE(chinese_runs_index_as_bigrams_and_characters_so_one_and_two_character_words_match) {
    const std::string t = indexTerms({"大米粉", "铅(以Pb计)"});
    BOOST_TEST(contains(t, "大米"));
    BOOST_TEST(contains(t, "米粉"));
    BOOST_TEST(contains(t, "大"));
    BOOST_TEST(contains(t, "粉"));
    BOOST_TEST(contains(t, "铅"));
    BOOST_TEST(contains(t, "pb"));  // letters are lower-cased words
    BOOST_TEST(!contains(t, "大米粉"));  // never the whole run: a word tokenizer's miss
    BOOST_TEST(t.find("(") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_query_becomes_phrases_that_all_must_match_and_a_standard_typed_apart_is_one_phrase) {
    using P = std::vector<std::vector<std::string>>;
    BOOST_TEST((queryPhrases("铅 大米") == P{{"铅"}, {"大米"}}));
    BOOST_TEST((queryPhrases("  重金属\u3000镉 ") == P{{"重金", "金属"}, {"镉"}}));
    BOOST_TEST((queryPhrases("GB 5009.12") == P{{"gb", "5009", "12"}}));
    BOOST_TEST((queryPhrases("GB/T 5009.12-2017") == P{{"gb", "t", "5009", "12", "2017"}}));
    BOOST_TEST((queryPhrases("Lead rice") == P{{"lead"}, {"rice"}}));
    BOOST_TEST((queryPhrases("ＧＢ　５００９") == P{{"gb", "5009"}}));  // full-width letters and digits
    BOOST_TEST(queryPhrases("\"* OR ( ) NEAR").size() == 2u);  // FTS syntax is only ever words inside quotes
    BOOST_TEST(fts5Match(queryPhrases("铅 GB 5009.12")) == "\"铅\" AND \"gb 5009 12\"");
    // Mroonga matches a query token as a prefix of an indexed one: every term ends with "_".
    BOOST_TEST(mroongaMatch(queryPhrases("铅 GB 5009.1")) == "+\"铅_\" +\"gb_ 5009_ 1_\"");
    BOOST_TEST(mroongaTerms("gb 5009 12 大米") == "gb_ 5009_ 12_ 大米_");
    // The standard's terms in the index run in the order the phrase needs, with or without the edition.
    const std::string idx = indexTerms({"GB 5009.12-2017"});
    BOOST_TEST(idx == "gb 5009 12 2017");
}

BOOST_AUTO_TEST_SUITE_END()
