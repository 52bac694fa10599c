// Faults: named fault-injection points for the atomicity tests of use cases.
//
// Purpose: a use case calls faults::hit("capture.accept.result_entered") between its steps; a test
// arms one point (faults::arm) and the next hit throws FaultInjected there, so the test can prove
// that a failure at that step leaves nothing half-done (the transaction rolls back as a whole).
// A test of a running assayd arms points with ASSAY_TEST_FAULT=<point>[,<point>...] (read at
// start-up, like ASSAY_TEST_CRASH_KEYED): each listed point then throws every time it is reached.
// Unarmed, hit() is one relaxed atomic load. The names a use case offers are listed in
// docs/architecture.md ("Life of a use case").
// Thread-safety: arm/disarm/hit may be called from any thread.
#pragma once

#include <stdexcept>
#include <string>

namespace assay::faults {

struct FaultInjected : std::runtime_error {
    explicit FaultInjected(const std::string& point) : std::runtime_error("fault injected at " + point) {}
};

// The next hit of point throws FaultInjected (once; then the point is disarmed).
void arm(const std::string& point);
// Arms the points listed in ASSAY_TEST_FAULT (comma-separated), each throwing on every hit.
// Returns the list (empty when the variable is unset or empty).
std::string armFromEnvironment();
void disarm();
// Throws FaultInjected when point is armed.
void hit(const char* point);
// How many times point was reached since it was armed or the counters were reset (tests check
// that a use case really passes through the points they arm).
int reached(const std::string& point);
void resetCounts();

}  // namespace assay::faults
