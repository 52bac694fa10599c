// LabTenancy: accreditation records belong to the principal's own lab (identity::requireLab).
#pragma once

#include "assay/identity/RequireLab.hpp"

namespace assay::accreditation {

using identity::requireLab;

}  // namespace assay::accreditation
