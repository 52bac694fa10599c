// PlatformService: the platform side's use cases apart from the feed: enrolment requests and the
// operator's decisions, the public catalogue and lab pages, verification records, and the labs'
// inboxes (platform -> lab).
//
// Purpose: requestEnrolment() is public but proves possession of the key it enrols (the request is
// signed by it); approve()/refuse() are the operator's and put the decision in the lab's inbox, in
// the same transaction. inbox() answers a lab's signed long poll. search()/labPage() show only what
// the catalogue rules allow (PLATFORM.md "The capability catalogue"). verify*() answer by number,
// by code or by a PDF's bytes, for any enrolled lab, without customer data.
// Ownership: made by PlatformModule. Thread-safety: any thread.
#pragma once

#include <string>

#include "assay/Audit.hpp"
#include "assay/Clock.hpp"
#include "assay/Db.hpp"
#include "assay/IdGenerator.hpp"
#include "assay/Principal.hpp"
#include "domain/Platform.hpp"
#include "storage/PlatformStore.hpp"

#include <Poco/JSON/Object.h>

namespace assay::platform {

struct LabPage {
    Enrolment lab;
    std::vector<Standing> standings;
    std::vector<CatalogueEntry> rows;
};

struct InboxAuth {
    std::int64_t lab = 0;
    std::string keyId;
    std::int64_t timeMs = 0;
    std::string signature;
};

class PlatformService {
public:
    PlatformService(Db& db, const Clock& clock, IdGenerator& ids, AuditLog& audit) : db_(db), clock_(clock), ids_(ids), audit_(audit) {}

    // body: {name, uscc, cma_no?, cnas_no?, region, turnaround_days?, key_id, public_key, signature}.
    // Errors: 400 naming each bad field (the signature too).
    Enrolment requestEnrolment(const Poco::JSON::Object::Ptr& body, const std::string& requestId);
    std::vector<Enrolment> enrolments(const std::string& state, std::int64_t afterId, int limit);
    // Errors: 404 unknown; 409 decided already; 400 refusal without a reason.
    Enrolment decide(const Principal& p, std::int64_t id, bool approve, const std::string& reason, const std::string& requestId);

    // The query's own problems (q, region, scheme), for the edge to merge with its findings.
    static std::vector<FieldError> queryProblems(const CatalogueQuery& q);
    // Errors: 400 naming each bad filter.
    std::vector<CatalogueEntry> search(CatalogueQuery q);
    LabPage labPage(std::int64_t labRef);
    std::vector<VerificationRecord> verify(const std::string& column, const std::string& value);

    // The lab's inbox after `after` (acknowledging everything up to it), waiting up to waitMs for
    // a first item. Errors: 401 when the request is not signed by one of the lab's keys within
    // five minutes of now.
    std::vector<InboxItem> inbox(const InboxAuth& auth, std::int64_t after, int waitMs);
    // What the inbox signature covers.
    static std::string inboxSignedText(std::int64_t lab, std::int64_t after, std::int64_t timeMs);

private:
    Db& db_;
    const Clock& clock_;
    IdGenerator& ids_;
    AuditLog& audit_;
    PlatformStore store_;
};

}  // namespace assay::platform
