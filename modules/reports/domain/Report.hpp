// Report: a report draft (later issued) over samples of one order.
// Thread-safety: value type.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace assay::reports {

struct Report {
    std::int64_t id = 0;
    std::int64_t labId = 0;
    std::string orderCode;
    std::vector<std::string> sampleCodes;
    std::string status = "draft";  // draft | issued | superseded | withdrawn | discarded
    std::optional<std::string> number;  // given at issue
    std::optional<std::int64_t> signatoryUserId;
    std::int64_t createdBy = 0;
    std::int64_t createdAtMs = 0, updatedAtMs = 0;
    int version = 1;
};

}  // namespace assay::reports
