// BalanceSimulator: the balance side of MT-SICS over TCP, for tests and demos (a serial-to-
// Ethernet converter in front of a Mettler Toledo balance looks the same to the host).
//
// Purpose: listens on 127.0.0.1 (port 0: a free one). Each CR LF terminated command gets the next
// scripted answer for it: `weights` are given, one per S/SI command, until the last one repeats
// (script "S D 12.3456 g" before "S S 12.3460 g" to make a settling balance); I4 answers the
// serial number; Z answers "Z A"; anything else "ES". A reply may hold several lines (a balance
// that sends a dynamic and then a stable weight for one command).
// Ownership: owns its Poco TCP server. Thread-safety: the script is fixed at construction.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <vector>

namespace Poco::Net {
class TCPServer;
}

namespace assay::instruments::mtsics {

class BalanceSimulator {
public:
    BalanceSimulator(std::string serial, std::vector<std::string> weightReplies);
    ~BalanceSimulator();
    BalanceSimulator(const BalanceSimulator&) = delete;
    BalanceSimulator& operator=(const BalanceSimulator&) = delete;
    int port() const;
    int commands() const { return script_->commands; }  // commands received so far

    struct Script {
        std::string serial;
        std::vector<std::string> weights;
        std::atomic<std::size_t> next{0};
        std::atomic<int> commands{0};
    };

private:
    std::shared_ptr<Script> script_;
    std::unique_ptr<Poco::Net::TCPServer> server_;
};

}  // namespace assay::instruments::mtsics
