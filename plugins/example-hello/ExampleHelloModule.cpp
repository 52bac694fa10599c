// ExampleHelloModule: the smallest plugin, proving the plugin path end to end.
//
// Loaded only when its absolute path is listed in plugins.load. It declares a config key
// (example_hello.greeting), grants a permission to admins, and serves
// GET /api/plugins/example-hello/greeting (permission example_hello:read). Its one message (an
// empty greeting) is its own catalogue entry (assay/Message.hpp), listed by messages().
#include <Poco/ClassLibrary.h>

#include "assay/Json.hpp"
#include "assay/ModuleContext.hpp"
#include "assay/Plugin.hpp"

namespace {

constexpr assay::MessageDef kNoGreeting{"example_hello.no_greeting", "未配置问候语（example_hello.greeting）",
                                        "no greeting is configured (example_hello.greeting)"};

class ExampleHelloModule final : public assay::Module {
public:
    std::string id() const override { return "example_hello"; }
    std::vector<std::string> dependencies() const override { return {"host"}; }
    std::vector<assay::ConfigKey> configKeys() const override {
        return {{"example_hello.greeting", "你好, Assay", "the greeting the example plugin returns"}};
    }
    std::vector<const assay::MessageDef*> messages() const override { return {&kNoGreeting}; }
    void initialize(assay::ModuleContext& ctx) override {
        ctx.permissions().grant("admin", "example_hello:read");
        const std::string greeting = ctx.config().str("example_hello.greeting");
        ctx.router().add({"GET", "/api/plugins/example-hello/greeting", "example_hello:read",
                          "Greeting from the example plugin", [greeting](assay::Request&) {
                              if (greeting.empty()) throw assay::Error::failedPrecondition(kNoGreeting);
                              auto o = assay::makeObject();
                              o->set("greeting", greeting);
                              o->set("plugin", "example_hello");
                              return assay::Response::json(o);
                          }});
    }
};

}  // namespace

#ifdef ASSAY_EXAMPLE_WRONG_API_VERSION
extern "C" __attribute__((visibility("default"))) int assay_plugin_api_version() { return assay::kModuleApiVersion + 99; }
#else
ASSAY_PLUGIN_API_VERSION()
#endif

POCO_BEGIN_MANIFEST(assay::Module)
POCO_EXPORT_CLASS(ExampleHelloModule)
POCO_END_MANIFEST
