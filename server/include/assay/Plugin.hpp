// Plugin: what a plugin library must export, and the macro that does it.
//
// Purpose: a plugin is a shared library built against these headers and linked with
// libassay_host. It exports (1) assay_plugin_api_version(), checked by the host before anything
// else is touched, and (2) a Poco ClassLoader manifest of assay::Module classes:
//
//   ASSAY_PLUGIN_API_VERSION()
//   POCO_BEGIN_MANIFEST(assay::Module)
//   POCO_EXPORT_CLASS(MyModule)
//   POCO_END_MANIFEST
//
// The host loads plugins only from the absolute paths listed in plugins.load.
#pragma once

#include <Poco/ClassLibrary.h>

#include "assay/Module.hpp"

#define ASSAY_PLUGIN_API_VERSION()                                                       \
    extern "C" __attribute__((visibility("default"))) int assay_plugin_api_version() { \
        return assay::kModuleApiVersion;                                                 \
    }
