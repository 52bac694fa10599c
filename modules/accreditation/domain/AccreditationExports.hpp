// AccreditationExports: the accreditation module's Excel exports as use cases.
//
// Purpose: what GET /api/exports/*.xlsx hand out, out of the handlers: the scope schedule (能力附表,
// in force on a date, category and product cells merged), the equipment list (仪器设备一览表, with
// calibration status and today's usability), the staff authorizations (人员授权一览表) and the lab
// register (检测能力登记册: standards, methods, parameters, limits). Each reads every page of its
// listing (never one page only) and returns the workbook with its file name.
// Thread-safety: safe from any request thread (each call owns its workbook).
#pragma once

#include <optional>
#include <string>

#include "assay/Principal.hpp"
#include "domain/EquipmentService.hpp"
#include "domain/MethodService.hpp"
#include "domain/ParameterService.hpp"
#include "domain/ScopeService.hpp"
#include "domain/SpecificationService.hpp"
#include "domain/StaffService.hpp"
#include "domain/StandardService.hpp"

namespace assay::accreditation {

struct ExportFile {
    std::string bytes;     // the .xlsx
    std::string fileName;  // UTF-8, for Content-Disposition
};

class AccreditationExports {
public:
    static constexpr const char* kContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    AccreditationExports(StandardService& standards, MethodService& methods, ParameterService& parameters,
                         SpecificationService& specifications, ScopeService& scope, EquipmentService& equipment,
                         StaffService& staff)
        : standards_(standards), methods_(methods), parameters_(parameters), specifications_(specifications),
          scope_(scope), equipment_(equipment), staff_(staff) {}

    // scheme CMA or CNAS (checked by the caller); on: the date, default the lab's today.
    ExportFile scopeSchedule(const Principal& p, Scheme scheme, const std::optional<std::string>& on);
    ExportFile equipmentList(const Principal& p);
    ExportFile staffAuthorizations(const Principal& p);
    ExportFile labRegister(const Principal& p);

private:
    StandardService& standards_;
    MethodService& methods_;
    ParameterService& parameters_;
    SpecificationService& specifications_;
    ScopeService& scope_;
    EquipmentService& equipment_;
    StaffService& staff_;
};

}  // namespace assay::accreditation
