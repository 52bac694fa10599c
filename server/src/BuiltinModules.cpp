// BuiltinModules: the one list of the modules compiled into assayd and assayctl.
//
// Add a capability module here (and to modules/CMakeLists.txt); nothing else in the host
// changes. The host module ("host") is added by Host itself, before these.
#include "Host.hpp"
#include "accreditation/AccreditationModule.hpp"
#include "identity/IdentityModule.hpp"
#include "intake/IntakeModule.hpp"
#include "capture/CaptureModule.hpp"
#include "platform/PlatformModule.hpp"
#include "reports/ReportsModule.hpp"
#include "testing/TestingModule.hpp"

namespace assay {

std::vector<std::unique_ptr<Module>> builtinModules() {
    std::vector<std::unique_ptr<Module>> m;
    m.push_back(std::make_unique<identity::IdentityModule>());
    m.push_back(std::make_unique<accreditation::AccreditationModule>());
    m.push_back(std::make_unique<intake::IntakeModule>());
    m.push_back(std::make_unique<testing::TestingModule>());
    m.push_back(std::make_unique<capture::CaptureModule>());
    m.push_back(std::make_unique<reports::ReportsModule>());
    m.push_back(std::make_unique<platform::PlatformModule>());
    return m;
}

}  // namespace assay
