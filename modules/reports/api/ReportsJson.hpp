// ReportsJson: the one JSON rendering of each reports entity (reports, signing keys, the checks
// view, notifications, batch jobs, the public verification); every route that shows one renders
// through it.
// Thread-safety: pure functions.
#pragma once

#include <Poco/JSON/Object.h>

#include "domain/ReportService.hpp"
#include "jobs/BatchIssue.hpp"

namespace assay::reports {

Poco::JSON::Object::Ptr toJson(const Report& r);
Poco::JSON::Object::Ptr toJson(const SigningKey& k);
// The checks for issue: every applicable rule, the marks, the R27 contents, the lines and, for
// an amendment, its changes and approval.
Poco::JSON::Object::Ptr toJson(const ReportChecksView& v);
// A draft waiting for its signatory: the report, and `waiting` {date, issuable, open checks, problem}.
Poco::JSON::Object::Ptr toJson(const QueuedReport& q);
Poco::JSON::Object::Ptr toJson(const Notification& n);
Poco::JSON::Object::Ptr toJson(const BatchJob& j);
// The public verification: the results only with the customer's consent (R38).
Poco::JSON::Object::Ptr toJson(const Verification& v);

}  // namespace assay::reports
