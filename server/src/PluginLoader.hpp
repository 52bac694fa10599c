// PluginLoader: loads assay::Module plugins with Poco ClassLoader after an API-version check.
//
// Purpose: only absolute paths named in plugins.load are loaded. Before the ClassLoader reads
// the manifest, the library's exported assay_plugin_api_version() must equal
// kModuleApiVersion; a missing symbol or another version refuses the plugin with a message
// naming the path.
// Ownership: keeps the libraries loaded until destroyed; the modules created from them must be
// destroyed first (Host declares its modules after its PluginLoader).
// Thread-safety: start-up only.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <Poco/ClassLoader.h>

#include "assay/Module.hpp"

namespace assay {

class PluginLoader {
public:
    ~PluginLoader();
    // Errors: Error(InvalidArgument, field "plugins.load") naming the path and the problem.
    std::vector<std::unique_ptr<Module>> load(const std::vector<std::string>& paths);

private:
    Poco::ClassLoader<Module> loader_;
    std::vector<std::string> loaded_;
};

}  // namespace assay
