// SampleRegisterExport: the sample register (样品登记) as an Excel workbook, with the list's filters.
//
// Purpose: the use case behind GET /api/samples/export.xlsx, out of the handler: pages through
// SampleService::search (newest first, as the list), names each customer once, and writes a
// constant-memory workbook with Chinese headers, real dates, a frozen header and an autofilter;
// beyond kMaxRows it stops and says so in a note under the table.
// Thread-safety: safe from any request thread (each call owns its workbook).
#pragma once

#include <string>

#include "assay/Principal.hpp"
#include "domain/SampleService.hpp"

namespace assay::intake {

class SampleRegisterExport {
public:
    static constexpr std::size_t kMaxRows = 200000;
    static constexpr const char* kFileName = "样品登记.xlsx";

    explicit SampleRegisterExport(SampleService& samples) : samples_(samples) {}
    // The .xlsx bytes. Errors: those of SampleService::search.
    std::string workbook(const Principal& p, const SampleFilter& filter);

private:
    SampleService& samples_;
};

}  // namespace assay::intake
