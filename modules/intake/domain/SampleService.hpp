// SampleService: registering samples, their receipt, status, sub-samples and custody (R18, R19).
//
// Purpose: technicians register a sample (its code comes from the lab's sequence in the
// configured format and never changes, R18), receive it with its condition (mandatory; a
// deviation needs the customer's decision to proceed, R19), move it along the status machine
// (409 with the allowed moves otherwise), split sub-samples with child codes, and hand it from
// holder to holder (custody events with who, when, from, to and why). Every change is audited.
// Tenancy: the principal's own lab; another lab's sample is a 404.
// Thread-safety: safe from any request thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "assay/Audit.hpp"
#include "assay/Db.hpp"
#include "assay/Error.hpp"
#include "assay/IdGenerator.hpp"
#include "assay/Principal.hpp"
#include "assay/identity/OrganizationDirectory.hpp"
#include "domain/Sample.hpp"
#include "storage/SampleRepository.hpp"

namespace assay::intake {

struct SampleInput {
    std::string name, productCategory;
    std::optional<std::string> brand, model, batchNo, manufacturer, manufacturerUscc, productionDate;
    std::optional<Decimal> quantity;
    std::optional<std::string> unit, gtin;
    std::optional<std::int64_t> customerOrgId;
    std::optional<std::string> holder;  // default 收样室 (the sample reception)
};

struct ReceiptInput {
    std::string condition;                        // mandatory (R19)
    std::optional<std::string> deviation;         // what was not as expected
    std::optional<std::string> customerDecision;  // proceed | reject: required with a deviation
};

class SampleService {
public:
    SampleService(Db& db, const Clock& clock, IdGenerator& ids, AuditLog& audit, identity::OrganizationDirectory& orgs,
                  std::string codeFormat)
        : db_(db), clock_(clock), ids_(ids), audit_(audit), orgs_(orgs), format_(std::move(codeFormat)) {}

    static std::vector<FieldError> sampleProblems(const SampleInput& in);
    static std::vector<FieldError> receiptProblems(const ReceiptInput& in);

    // Errors: 400 naming each bad field (customer_org_id unknown or not a customer); 422 when
    // the lab has no code for sample numbers.
    Sample registerSample(const Principal& p, const SampleInput& in, const std::string& requestId);
    // A sub-sample or aliquot: code <parent>-<n>, linked to its parent. Errors: 404; 409 when
    // the parent is rejected, cancelled or disposed.
    Sample registerSubSample(const Principal& p, const std::string& parentCode, SampleInput in, const std::string& requestId);
    Sample get(const Principal& p, const std::string& code);  // 404
    // Newest first; beforeId 0 = from the newest.
    std::vector<Sample> list(const Principal& p, std::int64_t beforeId, int limit, const std::string& status);
    // R19. Errors: 400 (condition, deviation without a decision); 404; 409 unless registered; 412.
    Sample receive(const Principal& p, const std::string& code, int expectedVersion, const ReceiptInput& in,
                   const std::string& requestId);
    // Errors: 400 (an unknown status; received goes through receive; reason required to reject,
    // cancel or dispose); 404; 409 with the allowed statuses; 412.
    Sample transition(const Principal& p, const std::string& code, int expectedVersion, const std::string& to,
                      const std::string& reason, const std::string& requestId);
    // A custody transfer to a new holder. Errors: 400 (to, reason, same holder); 404; 409 when
    // final; 412.
    Sample transfer(const Principal& p, const std::string& code, int expectedVersion, const std::string& toHolder,
                    const std::string& reason, const std::string& requestId);
    std::vector<CustodyEvent> custody(const Principal& p, const std::string& code);

private:
    Sample insertNew(Tx& tx, const Principal& p, std::int64_t lab, Sample s, const std::string& requestId);
    template <class Change>
    Sample change(const Principal& p, const std::string& code, int expectedVersion, Change change);
    Db& db_;
    const Clock& clock_;
    IdGenerator& ids_;
    AuditLog& audit_;
    identity::OrganizationDirectory& orgs_;
    std::string format_;
    SampleRepository repo_;
};

}  // namespace assay::intake
