// ReportVerification: the public verification of an issued report (R37, R38), by its code or
// by the PDF's bytes, and the published certificates.
//
// Purpose: the verification role of the reports module: "valid" only for a row that still
// matches its signature, its hashes and its audit trail (ReportIntegrity); "damaged" otherwise,
// never showing what a damaged record says. One read transaction per question.
// Thread-safety: safe from any request thread.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <utility>

#include "assay/Audit.hpp"
#include "assay/Db.hpp"
#include "assay/identity/OrganizationDirectory.hpp"
#include "assay/identity/UserDirectory.hpp"
#include "domain/Report.hpp"
#include "domain/ReportViews.hpp"
#include "storage/ReportRepository.hpp"

namespace assay::reports {

class ReportVerification {
public:
    ReportVerification(Db& db, AuditLog& audit, identity::OrganizationDirectory& orgs, identity::UserDirectory& users)
        : db_(db), audit_(audit), orgs_(orgs), users_(users) {}

    // Public (R38). The status is "damaged" when the stored report no longer matches its signature,
    // its hashes or its audit trail (ReportIntegrity), never "valid".
    std::optional<Verification> verification(const std::string& code);
    // An uploaded PDF: "authentic" (a report issued with exactly these bytes, its CMS signature
    // verifying with the signatory's certificate; found is filled), "record damaged" (the same,
    // but the stored record no longer matches its signature or audit trail) or "document modified".
    std::string pdfVerdict(const std::string& pdf, std::optional<Verification>& found);
    std::optional<SigningKey> certificate(const std::string& fingerprint);  // public

private:
    // The public facts of the issued report find() reads, with the report and its signatory's
    // certificate, in one read transaction.
    struct Found {
        Report report;
        Verification verification;
        std::optional<SigningKey> key;
    };
    std::optional<Found> verified(const std::function<std::optional<Report>(Tx&)>& find);
    Db& db_;
    AuditLog& audit_;
    identity::OrganizationDirectory& orgs_;
    identity::UserDirectory& users_;
    ReportRepository repo_;
};

}  // namespace assay::reports
