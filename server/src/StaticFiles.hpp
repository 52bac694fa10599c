// StaticFiles: serves the web UI from http.web_root, refusing anything outside it.
//
// Purpose: GET/HEAD of "/" and files below the web root with correct content types. Paths
// with "..", backslashes, NUL or an escape through a symlink are refused (404), so nothing
// outside the web root is ever read. "/verify/<16-character code>" (the QR code printed on each
// report) is the public verification page, verify.html, which reads the code from its address.
// Thread-safety: immutable after construction; safe from any thread.
#pragma once

#include <optional>
#include <string>

namespace assay {

struct StaticFile {
    std::string contentType;
    std::string body;
};

class StaticFiles {
public:
    explicit StaticFiles(std::string webRoot);
    // Empty when there is no such file or the path is refused.
    std::optional<StaticFile> get(const std::string& decodedPath) const;
    static std::string contentTypeFor(const std::string& path);
    // True for "/verify/" followed by exactly 16 letters or digits (a report's verification code).
    static bool isVerifyPage(const std::string& decodedPath);

private:
    std::string root_;  // canonical, with a trailing '/'
};

}  // namespace assay
