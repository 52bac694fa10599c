// Evidence rows against their audit trail (pure): what the trail says about a report (its status
// from each event, what was signed), a result and its entry record (the seal's evidence hash, or
// for a result from before seals the value and status its events name), and a capture run's raw
// file (the seal, or the SHA-256 its create event names even behind a file name that mimics it).
#include <boost/test/unit_test.hpp>

#include "assay/Evidence.hpp"
#include "domain/ReportIntegrity.hpp"
#include "domain/ResultEvidence.hpp"
#include "domain/RunEvidence.hpp"
#include "domain/Signing.hpp"

using namespace assay;

namespace {
AuditRecord event(std::int64_t seq, const std::string& entity, const std::string& id, const std::string& action, const std::string& field,
                  std::optional<std::string> newValue) {
    AuditRecord r;
    r.seq = seq;
    r.event = {entity, id, action, field, std::nullopt, std::move(newValue), std::nullopt};
    return r;
}
AuditRecord seal(std::int64_t seq, const std::string& entity, const std::string& id, const std::string& text) {
    return event(seq, entity, id, "seal", "evidence", text);
}

testing::Result approvedResult() {
    testing::Result r;
    r.id = 11;
    r.labId = 1;
    r.testItemId = 5;
    r.status = testing::ResultStatus::Approved;
    r.valueText = "0.12";
    r.value = Decimal::parse("0.12");
    r.reported = "0.12";
    r.unit = "mg/kg";
    r.conformity = "pass";
    r.rawRef = 9;
    r.performerUserId = 3;
    r.performerName = "李明";
    return r;
}
testing::EntryRecord entryOf(const testing::Result& r) {
    testing::EntryRecord e{r.rawRef, r.testItemId, r.valueText, r.performerUserId, r.performerName, 1000, ""};
    e.sha256 = testing::entryRecordSha256(e);
    return e;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(evidence)

BOOST_AUTO_TEST_CASE(a_seal_round_trips_its_fields) {
    const std::string text = formatSeal({{"status", "issued"}, {"sha256", std::string(64, 'a')}, {"entry", "9:abc"}});
    BOOST_TEST(text == "status=issued sha256=" + std::string(64, 'a') + " entry=9:abc");
    const auto f = parseSeal(text);
    BOOST_TEST(f.at("status") == "issued");
    BOOST_TEST(f.at("entry") == "9:abc");
    BOOST_TEST(f.size() == 3u);
}

BOOST_AUTO_TEST_CASE(a_reports_audited_status_is_the_latest_its_events_record_and_a_row_set_back_is_named_R35) {
    const std::string sha(64, 'c'), key(64, 'd');
    std::vector<AuditRecord> events{
        event(1, "report", "7", "create", "", std::string("WT1: S1")),
        event(2, "report", "7", "update", "signatory", std::string("4 赵强")),
        event(3, "report", "7", "sign", "", "TEST-R2026000001 sha256 " + sha + " version 3 key " + key + " at 2026-11-29T08:00:00Z"),
        event(4, "report", "7", "supersede", "status", std::string("superseded by TEST-R2026000001-A1")),
    };
    auto a = reports::auditedReport(events);
    BOOST_TEST(*a.status == "superseded");
    BOOST_TEST(a.statusSeq == 4);
    BOOST_TEST(*a.number == "TEST-R2026000001");
    BOOST_TEST(*a.canonicalSha256 == sha);
    BOOST_TEST(*a.keyFingerprint == key);
    BOOST_TEST(*a.supersededBy == "TEST-R2026000001-A1");

    reports::Report row;  // disposed of (no content to check): only the status and the trail count
    row.id = 7;
    row.status = reports::ReportStatus::Issued;
    row.number = "TEST-R2026000001";
    row.canonicalSha256 = sha;
    row.keyFingerprint = key;
    row.disposedAtMs = 1;
    row.supersededById = 8;
    events.push_back(event(5, "report", "7", "dispose", "content", std::string("kept until")));
    a = reports::auditedReport(events);
    auto problems = reports::integrityProblems(row, a, std::nullopt, std::string("TEST-R2026000001-A1"), false, false);
    BOOST_REQUIRE(problems.size() == 1u);
    BOOST_TEST(problems[0] == "the status is issued but the audit trail says superseded (audit event 4)");
    row.status = reports::ReportStatus::Superseded;
    BOOST_TEST(reports::integrityProblems(row, a, std::nullopt, std::string("TEST-R2026000001-A1"), false, false).empty());
    // A seal written after a status change counts as that change.
    reports::Report withdrawn = row;
    withdrawn.status = reports::ReportStatus::Withdrawn;
    events.push_back(seal(6, "report", "7", reports::reportSealText(withdrawn)));
    BOOST_TEST(*reports::auditedReport(events).status == "withdrawn");
    // A report the trail never saw is named, whatever it says.
    BOOST_TEST(reports::integrityProblems(row, reports::auditedReport({}), std::nullopt, std::nullopt, false, false).size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_signed_report_whose_content_changed_fails_its_hash_and_signature_R37) {
    const auto key = reports::generateKey("赵强", "测试实验室", "pw-123456789", 1, 30);
    reports::Report r;
    r.id = 7;
    r.status = reports::ReportStatus::Issued;
    r.number = "TEST-R2026000001";
    r.verifyCode = "ABCDEFGHJKMNPQRS";
    r.issueDate = "2026-11-29";
    r.signatoryUserId = 4;
    r.keyFingerprint = key.fingerprint;
    r.pdfSha256 = std::string(64, 'b');
    r.canonical = R"({"issue_date":"2026-11-29","number":"TEST-R2026000001","pdf_sha256":")" + *r.pdfSha256 +
                  R"(","reported":"0.12","signatory":{"certificate_sha256":")" + key.fingerprint +
                  R"(","user_id":"4"},"verify_code":"ABCDEFGHJKMNPQRS"})";
    r.canonicalSha256 = reports::sha256Hex(*r.canonical);
    r.signature = reports::base64(reports::sign(key.encryptedKeyPem, "pw-123456789", *r.canonical));
    const std::vector<AuditRecord> events{event(1, "report", "7", "create", "", std::string("x")), seal(2, "report", "7", reports::reportSealText(r))};
    const auto audited = reports::auditedReport(events);
    BOOST_TEST(audited.signedEvent == false);  // a seal alone is not a sign event
    auto withSign = events;
    withSign.push_back(event(3, "report", "7", "sign", "", *r.number + " sha256 " + *r.canonicalSha256 + " version 2 key " + key.fingerprint + " at t"));
    const auto a = reports::auditedReport(withSign);
    BOOST_TEST(reports::integrityProblems(r, a, key.certificatePem, std::nullopt, false, false).empty());

    reports::Report changed = r;  // one digit of what was signed
    changed.canonical->replace(changed.canonical->find("0.12"), 4, "0.13");
    auto problems = reports::integrityProblems(changed, a, key.certificatePem, std::nullopt, false, false);
    BOOST_TEST(problems.size() == 2u);  // its hash, and the signature
    changed.canonicalSha256 = reports::sha256Hex(*changed.canonical);
    problems = reports::integrityProblems(changed, a, key.certificatePem, std::nullopt, false, false);
    BOOST_TEST(problems.size() == 2u);  // the audited hash, and the signature
    reports::Report moved = r;  // a column the signed content states
    moved.verifyCode = "ZZZZZZZZZZZZZZZZ";
    problems = reports::integrityProblems(moved, a, key.certificatePem, std::nullopt, false, false);
    BOOST_REQUIRE(problems.size() == 1u);
    BOOST_TEST(problems[0].find("verification code") != std::string::npos, problems[0]);
    // A stored consent to public results that the trail never recorded (R38).
    BOOST_TEST(reports::integrityProblems(r, a, key.certificatePem, std::nullopt, true, false).size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_result_is_compared_with_its_seal_and_one_changed_digit_or_entry_field_is_named_R20) {
    const auto r = approvedResult();
    const auto e = entryOf(r);
    std::vector<AuditRecord> events{event(1, "result", "11", "create", "value", std::string("S1 attempt 1: 0.12 -> 0.12 (pass)")),
                                    seal(2, "result", "11", testing::resultSealText(r, e))};
    auto i = testing::resultIntegrity(r, e, events);
    BOOST_TEST(i.recorded);
    BOOST_TEST(!i.problem.has_value());
    BOOST_TEST(i.sealedEntries.at(9) == e.sha256);

    auto forged = r;
    forged.value = Decimal::parse("0.13");  // only the exact value: not in the value events' text
    BOOST_TEST(testing::resultIntegrity(forged, e, events).problem.has_value());
    auto typed = e;
    typed.typed = "0.13";
    BOOST_TEST(testing::resultIntegrity(r, typed, events).problem.has_value());
    auto status = r;
    status.status = testing::ResultStatus::Checked;
    BOOST_TEST(*testing::resultIntegrity(status, e, events).problem == "the status is checked but the audit trail says approved (audit event 2)");
    BOOST_TEST(testing::resultIntegrity(r, std::nullopt, events).problem->find("entry record 9") != std::string::npos);
    BOOST_TEST(testing::resultIntegrity(r, e, {}).problem.has_value());  // never audited: not entered through Assay
}

BOOST_AUTO_TEST_CASE(a_result_from_before_seals_is_compared_with_the_value_and_status_its_events_name) {
    const auto r = approvedResult();
    const std::vector<AuditRecord> events{event(1, "result", "11", "create", "value", std::string("S1 attempt 1: 0.11 -> 0.11 (pass)")),
                                          event(2, "result", "11", "update", "value", std::string("0.12 -> 0.12 (pass)")),
                                          event(3, "result", "11", "update", "status", std::string("checked")),
                                          event(4, "result", "11", "update", "status", std::string("approved"))};
    auto i = testing::resultIntegrity(r, entryOf(r), events);
    BOOST_TEST(i.recorded);
    BOOST_TEST(!i.problem.has_value());
    auto forged = r;
    forged.reported = "0.13";
    BOOST_TEST(*testing::resultIntegrity(forged, entryOf(r), events).problem ==
               "the value is 0.12 -> 0.13 (pass) but the audit trail says 0.12 -> 0.12 (pass)");
}

BOOST_AUTO_TEST_CASE(a_capture_runs_file_and_row_are_compared_with_the_hash_the_trail_recorded_R20) {
    const std::string bytes = "ICP-OES export\r\nS1;Pb;0,0123;mg/kg\r\n";
    capture::Run run;
    run.id = 3;
    run.sha256 = reports::sha256Hex(bytes);
    run.contentSha256 = run.sha256;
    run.size = static_cast<std::int64_t>(bytes.size());
    // A run from before seals: the SHA-256 its create event names, not a decoy in the file name.
    const std::string decoy = " sha256 " + std::string(64, 'f') + ",";
    std::vector<AuditRecord> events{
        event(1, "capture_run", "3", "create", "", "ICP 1: evil" + decoy + ".csv sha256 " + run.sha256 + ", 1 reading(s)")};
    BOOST_TEST(!capture::runIntegrity(run, events, bytes).problem.has_value());
    BOOST_TEST(capture::runIntegrity(run, events, bytes).recorded);
    std::string changed = bytes;
    changed[changed.find("0123")] = '9';
    BOOST_TEST(capture::runIntegrity(run, events, changed).problem->find("no longer hashes") != std::string::npos);
    BOOST_TEST(capture::runIntegrity(run, events, std::nullopt).problem->find("missing") != std::string::npos);
    // With a seal, the row's size and content key are pinned too.
    events.push_back(seal(2, "capture_run", "3", capture::runSealText(run)));
    auto bigger = run;
    bigger.size += 1;
    BOOST_TEST(capture::runIntegrity(bigger, events, bytes).problem->find("size") != std::string::npos);
    auto other = run;
    other.sha256 = std::string(64, 'e');
    BOOST_TEST(capture::runIntegrity(other, events, bytes).problem->find("is not the " + run.sha256) != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
