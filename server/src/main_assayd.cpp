// assayd: the Assay server (a Poco ServerApplication).
//
// Start-up: read --config FILE and ASSAY_* overrides (an unknown key or a bad value aborts with
// a message naming it), open the database, apply migrations, initialize modules, create the
// bootstrap admin on first start, then serve HTTP(S) until SIGTERM/SIGINT.
#include <iostream>

#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>
#include <Poco/Util/ServerApplication.h>

#include "Host.hpp"
#include "HttpServer.hpp"
#include "assay/Log.hpp"

namespace {

class Assayd final : public Poco::Util::ServerApplication {
protected:
    void defineOptions(Poco::Util::OptionSet& options) override {
        ServerApplication::defineOptions(options);
        options.addOption(Poco::Util::Option("config", "c", "properties file (see assay.example.properties)")
                              .required(false).repeatable(false).argument("FILE")
                              .callback(Poco::Util::OptionCallback<Assayd>(this, &Assayd::setConfig)));
        options.addOption(Poco::Util::Option("help", "h", "show this help").required(false).repeatable(false)
                              .callback(Poco::Util::OptionCallback<Assayd>(this, &Assayd::showHelp)));
    }

    int main(const std::vector<std::string>& args) override {
        if (help_) return EXIT_OK;
        if (!args.empty()) {
            std::cerr << "assayd: unexpected argument '" << args.front() << "'\n";
            return EXIT_USAGE;
        }
        std::unique_ptr<assay::Host> host;
        std::unique_ptr<assay::HttpServer> server;
        try {
            host = assay::Host::create(config_, assay::builtinModules());
            host->start();
            server = std::make_unique<assay::HttpServer>(*host);
            server->start();
            host->background().setLocalUrl(std::string(server->tls() ? "https" : "http") + "://127.0.0.1:" +
                                           std::to_string(server->port()));
            host->startOutboxWorker();
        } catch (const assay::Error& e) {
            std::cerr << "assayd: cannot start: " << (e.fieldErrors().empty() ? e.publicMessage() : "configuration error") << "\n";
            for (const auto& f : e.fieldErrors()) std::cerr << "  " << f.field << ": " << f.problem << "\n";
            if (!e.internalMessage().empty()) std::cerr << "  (" << e.internalMessage() << ")\n";
            return EXIT_CONFIG;
        } catch (const std::exception& e) {
            std::cerr << "assayd: cannot start: " << e.what() << "\n";
            return EXIT_SOFTWARE;
        }
        std::cout << "assayd " << host->version() << " listening on " << (server->tls() ? "https" : "http")
                  << "://" << host->config().str("http.host") << ":" << server->port() << std::endl;
        waitForTerminationRequest();
        assay::Log::info("assayd.stopping");
        server->stop();
        host->stop();
        return EXIT_OK;
    }

private:
    void setConfig(const std::string&, const std::string& value) { config_ = value; }
    void showHelp(const std::string&, const std::string&) {
        Poco::Util::HelpFormatter f(options());
        f.setCommand(commandName());
        f.setUsage("[--config FILE]");
        f.setHeader("Assay LIMS server. Environment variables ASSAY_<KEY> override config keys.");
        f.format(std::cout);
        help_ = true;
        stopOptionsProcessing();
    }
    std::string config_;
    bool help_ = false;
};

}  // namespace

POCO_SERVER_MAIN(Assayd)
