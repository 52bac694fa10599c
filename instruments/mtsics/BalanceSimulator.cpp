// BalanceSimulator: a Poco TCP server answering MT-SICS commands from a script.
#include "mtsics/BalanceSimulator.hpp"

#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Net/TCPServer.h>
#include <Poco/Net/TCPServerConnection.h>
#include <Poco/Net/TCPServerConnectionFactory.h>

#include "mtsics/MtSics.hpp"

namespace assay::instruments::mtsics {

namespace {
class Session final : public Poco::Net::TCPServerConnection {
public:
    Session(const Poco::Net::StreamSocket& s, std::shared_ptr<BalanceSimulator::Script> script)
        : TCPServerConnection(s), script_(std::move(script)) {}
    void run() override {
        LineReader reader;
        char buf[512];
        socket().setReceiveTimeout(Poco::Timespan(5, 0));
        for (;;) {
            int n = 0;
            try {
                n = socket().receiveBytes(buf, sizeof buf);
            } catch (const std::exception&) {
                return;
            }
            if (n <= 0) return;
            for (const auto& command : reader.feed(std::string_view(buf, static_cast<std::size_t>(n)))) {
                ++script_->commands;
                std::string reply;
                if (command == "I4") reply = "I4 A \"" + script_->serial + "\"\r\n";
                else if (command == "Z") reply = "Z A\r\n";
                else if ((command == "S" || command == "SI") && !script_->weights.empty()) {
                    const std::size_t k = script_->next++;
                    reply = script_->weights[std::min(k, script_->weights.size() - 1)];
                    if (reply.size() < 2 || reply.substr(reply.size() - 2) != "\r\n") reply += "\r\n";
                } else reply = "ES\r\n";
                try {
                    socket().sendBytes(reply.data(), static_cast<int>(reply.size()));
                } catch (const std::exception&) {
                    return;
                }
            }
        }
    }

private:
    std::shared_ptr<BalanceSimulator::Script> script_;
};

class Factory final : public Poco::Net::TCPServerConnectionFactory {
public:
    explicit Factory(std::shared_ptr<BalanceSimulator::Script> script) : script_(std::move(script)) {}
    Poco::Net::TCPServerConnection* createConnection(const Poco::Net::StreamSocket& s) override { return new Session(s, script_); }

private:
    std::shared_ptr<BalanceSimulator::Script> script_;
};
}  // namespace

BalanceSimulator::BalanceSimulator(std::string serial, std::vector<std::string> weightReplies) : script_(std::make_shared<Script>()) {
    script_->serial = std::move(serial);
    script_->weights = std::move(weightReplies);
    Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
    server_ = std::make_unique<Poco::Net::TCPServer>(new Factory(script_), socket);
    server_->start();
}

BalanceSimulator::~BalanceSimulator() { server_->stop(); }

int BalanceSimulator::port() const { return server_->port(); }

}  // namespace assay::instruments::mtsics
