// Mailer: SMTP through Poco, or a drop directory.
#include "net/Mailer.hpp"

#include <Poco/File.h>
#include <Poco/Net/MailMessage.h>
#include <Poco/Net/MailRecipient.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SMTPClientSession.h>
#include <Poco/Timespan.h>

#include <atomic>
#include <chrono>
#include <fstream>

#include "assay/Error.hpp"
#include "assay/Log.hpp"
#include "domain/PortalMessages.hpp"

namespace assay::platform {

namespace {
void fill(Poco::Net::MailMessage& m, const std::string& from, const std::string& to, const std::string& subject, const std::string& body) {
    m.setSender(from);
    m.addRecipient(Poco::Net::MailRecipient(Poco::Net::MailRecipient::PRIMARY_RECIPIENT, to));
    m.setSubject(Poco::Net::MailMessage::encodeWord(subject, "UTF-8"));
    m.setContentType("text/plain; charset=UTF-8");
    m.setContent(body, Poco::Net::MailMessage::ENCODING_8BIT);
}
}  // namespace

void Mailer::send(const std::string& to, const std::string& subject, const std::string& body) {
    Poco::Net::MailMessage m;
    fill(m, s_.from, to, subject, body);
    if (s_.smtpHost.empty()) {
        static std::atomic<long> n{0};
        Poco::File(s_.dropDir).createDirectories();
        const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
        const std::string path = s_.dropDir + "/" + std::to_string(ms) + "-" + std::to_string(++n) + ".eml";
        std::ofstream out(path, std::ios::binary);
        m.write(out);
        Log::info("platform.mail_dropped", {{"to", to}, {"file", path}});
        return;
    }
    try {
        Poco::Net::SMTPClientSession session(s_.smtpHost, static_cast<Poco::UInt16>(s_.smtpPort));
        session.setTimeout(Poco::Timespan(s_.timeoutSeconds, 0));
        session.login();
        session.sendMessage(m);
        session.close();
        Log::info("platform.mail_sent", {{"to", to}});
    } catch (const Poco::Exception& e) {
        Log::warn("platform.mail_failed", {{"to", to}, {"error", e.displayText()}});
        throw Error(ErrorCode::Unavailable, Message(msg::kMailFailed));
    } catch (const std::exception& e) {
        Log::warn("platform.mail_failed", {{"to", to}, {"error", e.what()}});
        throw Error(ErrorCode::Unavailable, Message(msg::kMailFailed));
    }
}

}  // namespace assay::platform
