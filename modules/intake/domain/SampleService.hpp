// SampleService: registering samples, their receipt, status, sub-samples and custody (R18, R19).
//
// Purpose: technicians register a sample (its code comes from the lab's sequence in the
// configured format and never changes, R18), receive it with its condition (mandatory; a
// deviation needs the customer's decision to proceed, R19), move it along the status machine
// (409 with the allowed moves otherwise), split sub-samples with child codes, and hand it from
// holder to holder (custody events with who, when, from, to and why). Every change is audited.
// Retained samples (留样) are kept for their product category's retention period; disposal is
// allowed only once it has ended and records how (R22). Bulk intake (a JSON batch or a CSV
// file) stores every row or none.
// Tenancy: a lab's staff see their own lab's samples; a customer's users see only their
// organization's samples (read-only). Anything else is a 404.
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
#include "assay/accreditation/ProductCatalog.hpp"
#include "assay/identity/OrganizationDirectory.hpp"
#include "assay/intake/SampleProgress.hpp"
#include "domain/Sample.hpp"
#include "storage/SampleRepository.hpp"

namespace assay::intake {

struct SampleInput {
    std::string name, productCategory;
    std::optional<std::string> product;  // from the lab's product list; sets the category when that is empty
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

struct RetentionPeriod {
    std::string productCategory;
    int days = 0;
};

class SampleService final : public SampleProgress {
public:
    static constexpr std::size_t kMaxBatch = 1000;

    bool advance(Tx& tx, const Principal& p, std::int64_t labId, const std::string& sampleCode, SampleStage stage,
                 const std::string& why, const std::string& requestId) override;

    using ProductList = std::vector<accreditation::Product>;

    SampleService(Db& db, const Clock& clock, IdGenerator& ids, AuditLog& audit, identity::OrganizationDirectory& orgs,
                  accreditation::ProductCatalog& catalog, std::string codeFormat, int defaultRetentionDays)
        : db_(db), clock_(clock), ids_(ids), audit_(audit), orgs_(orgs), catalog_(catalog), format_(std::move(codeFormat)),
          defaultRetentionDays_(defaultRetentionDays) {}

    // Who sees what: the principal's lab, or its customer organization. Errors: 422 for a
    // principal in neither.
    SampleScope scopeOf(const Principal& p);
    // The principal's lab and that lab's code (for numbering). Errors: 422.
    std::pair<std::int64_t, std::string> labForNumbering(Tx& tx, const Principal& p);
    // Registers a sample inside the caller's transaction (orders register their samples so):
    // validation is the caller's (checkProduct included). Numbering as registerSample. The product
    // and category are completed from the lab's products: a product's category when none is
    // given, and a name that is itself a product of the list as the product.
    Sample registerIn(Tx& tx, const Principal& p, std::int64_t lab, const std::string& labCode, const SampleInput& in,
                      std::optional<std::int64_t> orderId, const std::string& requestId, const ProductList& products);
    // The lab's product list (accreditation's ProductCatalog), read once per use case.
    ProductList productsOf(Tx& tx, std::int64_t lab) { return catalog_.products(tx, lab); }
    // The product named must be in the list, and a category given must be its category (problems
    // named prefix + "product" / "product_category").
    static void checkProduct(const ProductList& products, const SampleInput& in, const std::string& prefix, std::vector<FieldError>& errors);
    // Checks customer_org_id of each input (400 naming prefix + "customer_org_id").
    void checkCustomer(Tx& tx, const SampleInput& in, const std::string& prefix, std::vector<FieldError>& errors);

    static std::vector<FieldError> sampleProblems(const SampleInput& in);
    static std::vector<FieldError> receiptProblems(const ReceiptInput& in);

    // Errors: 400 naming each bad field (customer_org_id unknown or not a customer); 422 when
    // the lab has no code for sample numbers.
    Sample registerSample(const Principal& p, const SampleInput& in, const std::string& requestId);
    // A sub-sample or aliquot: code <parent>-<n>, linked to its parent. Errors: 404; 409 when
    // the parent is rejected, cancelled or disposed.
    Sample registerSubSample(const Principal& p, const std::string& parentCode, SampleInput in, const std::string& requestId);
    Sample get(const Principal& p, const std::string& code);  // 404
    // Up to kMaxBatch samples in one transaction: all or none. Errors: 400 naming
    // samples[i].field for every bad row; 413-like 400 on more than kMaxBatch.
    std::vector<Sample> registerBatch(const Principal& p, const std::vector<SampleInput>& in, const std::string& requestId);
    // The CSV template (header row): Chinese column names, English accepted too.
    static std::string csvTemplate();
    // A CSV file in the template, UTF-8 or GB18030 (encoding auto|utf-8|gb18030): all rows or
    // none. Errors: 400 naming line[N].column for every bad cell.
    std::vector<Sample> importCsv(const Principal& p, const std::string& bytes, const std::string& encoding,
                                  const std::string& requestId);
    // Newest first; beforeId 0 = from the newest. Errors: 400 for an unknown status.
    std::vector<Sample> search(const Principal& p, const SampleFilter& f, std::int64_t beforeId, int limit);
    // An organization's name for listings and exports; empty when unknown.
    std::optional<std::string> organizationName(std::int64_t orgId);
    // Retention periods (days) per product category; the default applies to other categories.
    std::vector<RetentionPeriod> retentionPeriods(const Principal& p);
    int defaultRetentionDays() const { return defaultRetentionDays_; }
    const Clock& clock() const { return clock_; }
    // Errors: 400 (days 1..36500, category); audited with the old and new period.
    RetentionPeriod setRetentionPeriod(const Principal& p, const RetentionPeriod& r, const std::string& requestId);
    // R19. Errors: 400 (condition, deviation without a decision); 404; 409 unless registered; 412.
    Sample receive(const Principal& p, const std::string& code, int expectedVersion, const ReceiptInput& in,
                   const std::string& requestId);
    // Errors: 400 (an unknown status; received goes through receive; reason required to reject,
    // cancel or dispose; how it was disposed of); 404; 409 with the allowed statuses; 412;
    // 422 R22 when disposing before the retention period has ended. Moving to retained sets
    // the retention end from the category's period.
    Sample transition(const Principal& p, const std::string& code, int expectedVersion, const std::string& to,
                      const std::string& reason, const std::optional<std::string>& disposalMethod,
                      const std::string& requestId);
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
    accreditation::ProductCatalog& catalog_;
    std::string format_;
    int defaultRetentionDays_;
    SampleRepository repo_;
};

}  // namespace assay::intake
