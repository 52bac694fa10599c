// InstrumentApi: shared instruments' routes, on the platform and in the owning lab (README.md).
#pragma once

#include "assay/Http.hpp"
#include "domain/InstrumentBookings.hpp"
#include "domain/LabInstruments.hpp"

namespace assay::platform {

struct InstrumentDeps {
    InstrumentBookings& bookings;
};
struct LabInstrumentDeps {
    LabInstruments& instruments;
};

void registerInstrumentRoutes(Router& router, InstrumentDeps& deps);
void registerLabInstrumentRoutes(Router& router, LabInstrumentDeps& deps);

}  // namespace assay::platform
