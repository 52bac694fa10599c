// ReportChecks: the rule checks a report must pass before it is issued, and which marks it may
// carry — a pure function of facts gathered elsewhere (ReportService asks the other modules).
//
// Purpose: given the order's report terms, the report's lines (each test item's current result
// with its method and its CMA and CNAS scope verdicts on the issue date), the lab's CMA and CNAS
// standing on that date, the chosen signatory's verdicts and the lab's policies, evaluate():
//   marks    R1 (CMA certificate valid, every line in scope), R2 (policy block: no mark with an
//            out-of-scope line; flag: the mark, with those lines starred and footnoted 不在资质认
//            定范围内), R3 (no in-scope line: never the CMA mark), R7 (CNAS accreditation valid
//            and not suspended, out-of-scope lines starred "not in CNAS scope", not entirely
//            non-accredited), R8 (ILAC-MRA: R7, every accredited line in an MRA field, the lab
//            permitted), R15 (a line flagged for its equipment counts as out of scope);
//   results  R21/R32 (every line has an approved result with raw data), R27 (a test date and a
//            method with its year on every line), R29 (MU printed where it straddles the limit or
//            the customer asked), R30 (a conformity statement names its decision rule), R33
//            (every ordered item of the samples is on the report, or its agreed exclusion is);
//   signing  R10–R12 (the signatory holds an authorization of each printed mark's scheme, in
//            force from its filing date, covering every line);
//   language R34 (English only with the CMA mark: a warning, or blocking by policy);
//   R6       on a CMA-marked report, a conformity statement only against a standard in the CMA
//            scope, or (policy allow_limit_standards) a limit standard without test methods;
//   amendment R9 (never a mark the original did not carry), R35 (the reason and the report it
//            replaces), R36 (removing results or changing a conclusion: a documented error or
//            omission and the technical manager's approval of exactly these changes).
// Each check says pass / fail / warn / not_applicable, whether it blocks issue, and why; a mark
// that fails its rules is dropped (the report is not blocked for it, R1), and the check says so.
// Thread-safety: pure.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "assay/Message.hpp"
#include "assay/accreditation/QualificationStatus.hpp"
#include "assay/accreditation/Scheme.hpp"
#include "assay/testing/ResultStatus.hpp"

namespace assay::reports {

struct ScopeFacts {
    ScopeFacts() = default;
    // A reason quoted as it comes (accreditation's scope reasons are not in the catalogue yet).
    ScopeFacts(bool in, const std::string& why, bool mra) : inScope(in), reason(Message::legacy(why)), mraCovered(mra) {}
    ScopeFacts(bool in, Message why, bool mra) : inScope(in), reason(std::move(why)), mraCovered(mra) {}
    bool inScope = false;
    Message reason;  // why not
    bool mraCovered = false;
};

struct LineFacts {
    std::int64_t itemId = 0;
    std::int64_t orderItemId = 0;
    std::string sampleCode;
    std::string parameter;  // 铅(以Pb计)
    std::string method;     // GB 5009.12-2023 第一法 ("" when the register has none)
    bool methodHasYear = false;
    std::optional<std::string> testDate;
    std::optional<testing::ResultStatus> resultStatus;  // none without a result
    std::int64_t rawRef = 0;
    std::optional<std::string> conformity, decisionRule, uncertainty;
    bool muStraddles = false;
    std::optional<std::string> equipmentFlag;
    ScopeFacts cma, cnas;
    // What the report prints (not checked here).
    std::optional<std::int64_t> resultId;
    std::string reported, unit;
    std::optional<std::string> limitText;
    // R6: the standard the conformity is judged against ("" when the requirement names none), its
    // CMA scope verdict on the date, and whether the register holds test methods of it.
    std::string limitStandard;
    bool limitStandardInCmaScope = false;
    bool limitStandardHasMethods = false;
    // R31: the receiving lab (with its CMA / CNAS numbers) when the item was subcontracted, and
    // whether it was dispatched with the customer's consent and the lab's acceptance.
    std::optional<std::string> subcontractedTo;
    bool subcontractDispatched = false;
    // R20: the result no longer matches what the audit trail recorded for it (changed outside
    // Assay): why. A report is never issued over it.
    std::optional<std::string> tampered;
};

struct Standing {
    bool valid = false;
    accreditation::CertificateStatus status = accreditation::CertificateStatus::None;
    std::string reason;
    bool ilacMraPermitted = false;
};

struct SignatoryFacts {
    bool chosen = false;
    std::string name;
    // Per scheme asked (CMA, CNAS): ok, and why not.
    std::optional<std::pair<bool, Message>> cma, cnas;
};

struct OrderedFacts {  // an accepted item of the report's samples
    std::int64_t orderItemId = 0;
    std::string sampleCode, parameter;
};

// What a report printed on one line, as its canonical JSON keeps it (to compare an amendment).
struct PrintedLine {
    std::string sampleCode, parameter, method, reported, unit, limit, conformity, uncertainty, testDate;
    std::string orderItemId;  // the stable key of the line ("" in a JSON that lacks it: then sample, parameter and method)
};

struct Change {
    std::string sampleCode, parameter;
    std::string field;  // result (a line added or removed) | reported | unit | limit | conformity | uncertainty | method | test_date
    std::string before, after;
};

struct AmendmentFacts {
    std::string originalNumber;
    std::string reason, cause;  // cause: error | omission | customer_request | other
    bool originalCma = false, originalCnas = false;
    std::vector<Change> changes;
    bool removesResults = false, changesConclusion = false;
    bool approved = false;       // by the technical manager, of exactly these changes
    bool approvalStale = false;  // approved, but the changes moved since
    std::string approvedBy;
};

// The changes from the original's lines to the amendment's, each line matched once (by its order
// item, else by sample, parameter and method), and whether they remove a result or change a
// conclusion (R36).
std::vector<Change> compareLines(const std::vector<PrintedLine>& before, const std::vector<PrintedLine>& after);
// The changes of the other printed facts (customer, contact, site; per sample "<code>|received",
// "<code>|condition", ...): field is the fact, sampleCode the sample when there is one.
std::vector<Change> compareFacts(const std::map<std::string, std::string>& before, const std::map<std::string, std::string>& after);
bool removesResults(const std::vector<Change>& changes);
bool changesConclusion(const std::vector<Change>& changes);

// The report's content items of ISO/IEC 17025 7.8.2.1 a–p that depend on data (R27); the fixed
// ones (a title, d number and pages, j issue date, l and the reproduction statement, o the
// signature) come from the template and the signing.
struct ContentFacts {
    bool labAddress = false;          // b: the lab's name and address (as on its certificate)
    std::string site;                 // c: where the work was done
    bool customerContact = false;     // e
    std::vector<std::string> samplesWithoutCondition;  // g: condition on receipt
    std::vector<std::string> samplesNotReceived;       // h: receipt date
    bool labSampled = false;          // k: a sampling plan only when the lab sampled (R28 otherwise)
    std::vector<std::string> deviations;  // n: printed
    std::vector<std::string> subcontracted;  // p: results from external providers, identified
};

struct ContentItem {
    ContentItem() = default;
    ContentItem(std::string i, std::string st, Message m)
        : item(std::move(i)), status(std::move(st)), text(m.english()), message(std::move(m)) {}
    std::string item;    // "a" .. "p"
    std::string status;  // present | missing | not_applicable
    std::string text;    // what it is, or why not applicable (English: logs, tests)
    Message message;     // the same, as the catalogue has it (domain/ReportsMessages.hpp), rendered on read
};

struct CheckInput {
    std::string issueDate;
    bool wantCma = false, wantCnas = false;
    std::string language = "bilingual";
    bool uncertaintyRequested = false;
    std::vector<LineFacts> lines;
    std::vector<OrderedFacts> ordered;
    std::vector<std::string> exclusions;  // "GDQT…: 铅 — reason (agreed by …)", printed (R33)
    Standing cma, cnas;
    SignatoryFacts signatory;
    std::string cmaPolicy = "block";             // R2: block | flag
    std::string englishOnlyCmaPolicy = "warn";   // R34: warn | block
    std::string conformityStandardPolicy = "allow_limit_standards";  // R6: scope_only | allow_limit_standards
    std::optional<AmendmentFacts> amendment;     // when the report amends an issued one
    ContentFacts content;                        // R27: 7.8.2.1 a–p
};

struct Check {
    Check() = default;
    Check(std::string r, std::string st, bool b, std::string legacyReason)
        : rule(std::move(r)), status(std::move(st)), blocking(b), reason(std::move(legacyReason)),
          message(Message::legacy(reason)) {}
    Check(std::string r, std::string st, bool b, Message m)
        : rule(std::move(r)), status(std::move(st)), blocking(b), reason(m.english()), message(std::move(m)) {}
    Check(std::string r, std::string st, bool b, const MessageDef& def) : Check(std::move(r), std::move(st), b, Message(def)) {}
    std::string rule;     // "R1", "R10" ...
    std::string status;   // pass | fail | warn | not_applicable
    bool blocking = false;  // issue is blocked while it fails
    std::string reason;   // English (stored with an issued report, logs, tests)
    Message message;      // the reason as the catalogue has it (domain/ReportsMessages.hpp)
};

struct MarkDecision {
    bool cma = false, cnas = false, ilacMra = false;
    std::set<std::int64_t> cmaStarred, cnasStarred;  // item ids footnoted as outside the scope
};

struct CheckOutcome {
    std::vector<Check> checks;
    std::vector<ContentItem> contents;  // R27: each 7.8.2.1 item, present, missing or not applicable and why
    MarkDecision marks;
    bool issuable = false;  // no blocking check fails
};

// The schemes whose signatory list the signatory must be on: CMA always (a report of a CMA lab is
// signed by one of its CMA authorized signatories, mark or not), CNAS too when its mark is printed.
std::vector<accreditation::Scheme> signingSchemes(const MarkDecision& marks);

// The marks first (they do not depend on the signatory), then everything else.
MarkDecision decideMarks(const CheckInput& in, std::vector<Check>& checks);
CheckOutcome evaluate(const CheckInput& in);

}  // namespace assay::reports
