// Mailer: sends the portal's e-mails (one-time codes, notices) over SMTP.
//
// Purpose: an SME's e-mail is verified by a code sent through Poco::Net::SMTPClientSession to the
// configured server (`mail.smtp_host`, `mail.smtp_port`, `mail.from`). With no server configured
// (the demo), each message is written as an .eml file under `mail.drop_dir` (default
// <data.dir>/mail) so a user of the demo can read the code. Plain text, UTF-8, the subject
// RFC 2047-encoded.
// Thread-safety: send() is safe from any thread (a session per message).
#pragma once

#include <string>

namespace assay::platform {

struct MailSettings {
    std::string smtpHost;  // empty: write to dropDir
    int smtpPort = 25;
    std::string from = "noreply@assay.local";
    std::string dropDir;
    int timeoutSeconds = 10;
};

class Mailer {
public:
    explicit Mailer(MailSettings s) : s_(std::move(s)) {}
    virtual ~Mailer() = default;
    // Errors: Error(Unavailable) when the server cannot be reached or refuses the message.
    virtual void send(const std::string& to, const std::string& subject, const std::string& body);

private:
    MailSettings s_;
};

}  // namespace assay::platform
