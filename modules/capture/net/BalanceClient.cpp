// BalanceClient: MT-SICS command loop over a Poco stream socket.
#include "net/BalanceClient.hpp"
#include "domain/CaptureMessages.hpp"

#include <Poco/Net/NetException.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>

#include <chrono>
#include <deque>
#include <thread>

#include "assay/Error.hpp"
#include "mtsics/MtSics.hpp"

namespace assay::capture {

namespace {
namespace ms = instruments::mtsics;
using Clock = std::chrono::steady_clock;

class Line {
public:
    Line(Poco::Net::StreamSocket& s, std::string& transcript) : socket_(s), transcript_(transcript) {}
    void send(const std::string& command) {
        const std::string wire = ms::command(command);
        socket_.sendBytes(wire.data(), static_cast<int>(wire.size()));
        transcript_ += ms::transcriptLine('>', command);
    }
    // The next line within `waitMs`; false when none came (or the balance closed).
    bool next(int waitMs, std::string& line) {
        const auto deadline = Clock::now() + std::chrono::milliseconds(waitMs);
        while (pending_.empty()) {
            const auto left = std::chrono::duration_cast<std::chrono::microseconds>(deadline - Clock::now()).count();
            if (left <= 0 || closed_) return false;
            socket_.setReceiveTimeout(Poco::Timespan(left));
            char buf[512];
            int n = 0;
            try {
                n = socket_.receiveBytes(buf, sizeof buf);
            } catch (const Poco::TimeoutException&) {
                return false;
            }
            if (n <= 0) {
                closed_ = true;
                return false;
            }
            for (auto& l : reader_.feed(std::string_view(buf, static_cast<std::size_t>(n)))) {
                transcript_ += ms::transcriptLine('<', l);
                pending_.push_back(std::move(l));
            }
        }
        line = pending_.front();
        pending_.pop_front();
        return true;
    }
    bool closed() const { return closed_; }

private:
    Poco::Net::StreamSocket& socket_;
    std::string& transcript_;
    ms::LineReader reader_;
    std::deque<std::string> pending_;
    bool closed_ = false;
};
}  // namespace

std::string weigh(const BalanceTarget& target, const std::string& sampleCode, const std::string& analyte, const std::string& at) {
    const std::string where = target.host + ":" + std::to_string(target.port);
    Poco::Net::StreamSocket socket;
    try {
        socket.connect(Poco::Net::SocketAddress(target.host, static_cast<Poco::UInt16>(target.port)), Poco::Timespan(5, 0));
    } catch (const Poco::Exception& e) {
        throw Error(ErrorCode::Unavailable, Message(msg::kBalanceUnreachable, {{"where", where}, {"error", e.displayText()}}), e.displayText());
    }
    std::string transcript = ms::transcriptHeader(sampleCode, analyte, at);
    Line line(socket, transcript);
    try {
        std::string reply;
        line.send("I4");
        line.next(2000, reply);  // a balance without I4 answers ES: the weighing goes on without a serial
        const auto deadline = Clock::now() + std::chrono::milliseconds(target.settleMs);
        bool awaiting = false;  // a command is out and its answer not yet read
        while (Clock::now() < deadline && !line.closed()) {
            if (!awaiting) {
                line.send(target.command);
                awaiting = true;
            }
            const int left = static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count());
            if (!line.next(std::max(1, std::min(left, 3000)), reply)) {
                awaiting = false;  // no answer (S waits for stability on some models): ask again
                continue;
            }
            const ms::Reply r = ms::parseReply(reply);
            if (r.kind == ms::Reply::Kind::Weight && r.stable) break;
            if (r.kind == ms::Reply::Kind::Weight || r.kind == ms::Reply::Kind::Busy) {
                // Dynamic or busy: a further line may already be on its way; otherwise ask again.
                std::string more;
                if (line.next(300, more)) {
                    const ms::Reply m = ms::parseReply(more);
                    if (m.kind == ms::Reply::Kind::Weight && m.stable) break;
                    if (m.kind != ms::Reply::Kind::Weight && m.kind != ms::Reply::Kind::Busy) break;
                }
                awaiting = false;
                continue;
            }
            break;  // ES, ET, EL, overload, underload: the transcript says which
        }
    } catch (const Poco::Exception&) {
        // The connection broke: the transcript so far is the evidence; readTranscript says no stable weight.
    }
    return transcript;
}

}  // namespace assay::capture
