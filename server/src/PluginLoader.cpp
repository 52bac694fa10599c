// PluginLoader: version check with Poco::SharedLibrary, then the ClassLoader manifest.
#include "PluginLoader.hpp"

#include <Poco/File.h>
#include <Poco/Path.h>
#include <Poco/SharedLibrary.h>

#include "assay/Error.hpp"
#include "assay/Log.hpp"

namespace assay {

PluginLoader::~PluginLoader() {
    for (auto it = loaded_.rbegin(); it != loaded_.rend(); ++it) {
        try {
            loader_.unloadLibrary(*it);
        } catch (const std::exception& e) {
            Log::warn("plugin.unload_failed", {{"path", *it}, {"error", e.what()}});
        }
    }
}

std::vector<std::unique_ptr<Module>> PluginLoader::load(const std::vector<std::string>& paths) {
    std::vector<std::unique_ptr<Module>> out;
    for (const auto& path : paths) {
        auto fail = [&](const std::string& why) { return Error::invalidField("plugins.load", path + ": " + why); };
        if (!Poco::Path(path).isAbsolute()) throw fail("plugin paths must be absolute");
        if (!Poco::File(path).exists()) throw fail("file not found");
        {
            Poco::SharedLibrary lib;
            try {
                lib.load(path);
            } catch (const std::exception& e) {
                throw fail(std::string("cannot load: ") + e.what());
            }
            if (!lib.hasSymbol("assay_plugin_api_version")) {
                lib.unload();
                throw fail("does not export assay_plugin_api_version()");
            }
            auto fn = reinterpret_cast<int (*)()>(lib.getSymbol("assay_plugin_api_version"));
            const int v = fn();
            lib.unload();
            if (v != kModuleApiVersion)
                throw fail("built for plugin API " + std::to_string(v) + ", this assayd provides " +
                           std::to_string(kModuleApiVersion));
        }
        try {
            loader_.loadLibrary(path);
        } catch (const std::exception& e) {
            throw fail(std::string("no assay::Module manifest: ") + e.what());
        }
        loaded_.push_back(path);
        const auto* manifest = loader_.findManifest(path);
        if (!manifest || manifest->begin() == manifest->end()) throw fail("the manifest exports no module");
        for (auto it = manifest->begin(); it != manifest->end(); ++it) {
            out.emplace_back((*it)->create());
            Log::info("plugin.loaded", {{"path", path}, {"class", (*it)->name()}, {"module", out.back()->id()}});
        }
    }
    return out;
}

}  // namespace assay
