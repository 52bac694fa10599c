// Platform: the records of the platform side (enrolled labs, catalogue rows, verification records)
// and of the lab side (the link and its keys). Plain structs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace assay::platform {

// --- platform side -----------------------------------------------------------------------
struct Enrolment {
    std::int64_t id = 0;
    std::string name;
    std::string uscc;
    std::optional<std::string> cmaNo, cnasNo;
    std::string region;                 // GB/T 2260 code, 6 digits
    std::optional<int> turnaroundDays;
    std::string state;                  // pending | approved | refused
    std::int64_t requestedAtMs = 0;
    std::optional<std::int64_t> decidedAtMs, decidedBy;
    std::optional<std::string> reason;
    std::int64_t appliedSeq = 0;
    std::string keyId;                  // the key it enrolled with (the first)
};

struct Standing {
    std::string scheme;   // CMA | CNAS
    std::string number;
    std::string status;   // valid | suspended | revoked | expired | not_yet_valid | none
    std::optional<std::string> validTo;
};

struct CatalogueEntry {
    std::int64_t id = 0;
    std::int64_t labRef = 0;
    std::string labName;
    std::int64_t rowKey = 0;
    std::string scheme;
    std::string region;
    std::string site, category, product, parameter;
    std::optional<std::string> parameterEn;
    std::string standard;
    std::optional<std::string> standardTitle, limitation, price;
    std::optional<int> turnaroundDays;
    std::optional<std::string> cmaNo, cnasNo;
    std::string terms;  // the index terms (SearchTerms), written only
};

struct CatalogueQuery {
    std::string q;
    std::string region;   // "" or a GB/T 2260 code (its prefix matches: 110000 = Beijing)
    std::string scheme;   // "" | CMA | CNAS
    std::optional<std::int64_t> maxPriceFen;
    std::optional<int> maxDays;
    std::optional<std::int64_t> labRef;
    std::int64_t afterId = 0;
    int limit = 20;
};

struct VerificationRecord {
    std::int64_t labRef = 0;
    std::string labName;
    std::string number;
    std::optional<std::string> code;
    std::string status;   // valid | superseded | withdrawn
    std::optional<std::string> supersededBy;
    std::optional<std::string> issueDate;
    std::optional<std::string> pdfSha256;
};

struct InboxItem {
    std::int64_t seq = 0;
    std::string type;
    std::string bodyJson;
};

// --- lab side ----------------------------------------------------------------------------
struct LinkKey {
    std::string keyId;
    std::string publicPem;
    std::string privatePem;  // encrypted
    std::int64_t createdAtMs = 0;
    std::optional<std::int64_t> retiredAtMs;
    std::int64_t fromSeq = 0;  // the first stream seq it signs (its rotation message); 0: from the start
};

struct Link {
    std::int64_t labId = 0;
    std::optional<std::string> platformUrl;  // empty: this instance's own platform part
    std::string state = "none";              // none | requested | approved | refused
    std::optional<std::string> region;
    std::optional<int> turnaroundDays;
    std::optional<std::int64_t> enrolmentId;
    std::optional<std::int64_t> requestedAtMs, decidedAtMs;
    std::optional<std::string> refusedReason;
    std::int64_t inboxPosition = 0;
    std::optional<std::string> lastPollError;
    std::vector<LinkKey> keys;  // newest first
};

}  // namespace assay::platform
