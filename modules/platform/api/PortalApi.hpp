// PortalApi: the SME portal's routes on the platform and the lab's booking routes (README.md).
#pragma once

#include "assay/Http.hpp"
#include "domain/LabBookings.hpp"
#include "domain/PortalService.hpp"

namespace assay::platform {

struct PortalDeps {
    PortalService& portal;
};
struct LabBookingRouteDeps {
    LabBookings& bookings;
};

void registerPortalRoutes(Router& router, PortalDeps& deps);
void registerLabBookingRoutes(Router& router, LabBookingRouteDeps& deps);

// The catalogue's verification answer gains the customer's name where it consented (R38).
std::optional<std::string> disclosedCustomerOf(PortalService* portal, std::int64_t labRef, const std::string& number);

}  // namespace assay::platform
