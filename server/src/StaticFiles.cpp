// StaticFiles: canonical-path containment and content types.
#include "StaticFiles.hpp"

#include <climits>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <sys/stat.h>

namespace assay {

namespace {
std::string canonical(const std::string& p) {
    char buf[PATH_MAX];
    if (!realpath(p.c_str(), buf)) return {};
    return buf;
}
bool endsWith(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}
}  // namespace

StaticFiles::StaticFiles(std::string webRoot) {
    root_ = canonical(webRoot);
    if (!root_.empty() && root_.back() != '/') root_ += '/';
}

std::string StaticFiles::contentTypeFor(const std::string& path) {
    static const std::pair<const char*, const char*> kTypes[] = {
        {".html", "text/html; charset=utf-8"},  {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
        {".json", "application/json; charset=utf-8"}, {".svg", "image/svg+xml"},
        {".png", "image/png"}, {".ico", "image/x-icon"}, {".woff2", "font/woff2"},
        {".txt", "text/plain; charset=utf-8"}};
    for (const auto& [ext, type] : kTypes)
        if (endsWith(path, ext)) return type;
    return "application/octet-stream";
}

bool StaticFiles::isVerifyPage(const std::string& decodedPath) {
    static const std::string kPrefix = "/verify/";
    if (decodedPath == "/verify" || decodedPath == kPrefix) return true;  // no code yet: the page asks for it
    if (decodedPath.size() != kPrefix.size() + 16 || decodedPath.compare(0, kPrefix.size(), kPrefix) != 0) return false;
    for (std::size_t i = kPrefix.size(); i < decodedPath.size(); ++i) {
        const char c = decodedPath[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) return false;
    }
    return true;
}

std::optional<StaticFile> StaticFiles::get(const std::string& decodedPath) const {
    if (root_.empty() || decodedPath.empty() || decodedPath[0] != '/') return std::nullopt;
    if (decodedPath.find('\0') != std::string::npos || decodedPath.find('\\') != std::string::npos)
        return std::nullopt;
    // Refuse any ".." segment outright, before touching the file system.
    std::string p = decodedPath == "/" ? "/index.html" : isVerifyPage(decodedPath) ? "/verify.html" : decodedPath;
    std::istringstream segs(p);
    std::string seg;
    while (std::getline(segs, seg, '/'))
        if (seg == ".." || seg == ".") return std::nullopt;
    const std::string full = canonical(root_ + p.substr(1));
    if (full.empty() || full.compare(0, root_.size(), root_) != 0) return std::nullopt;  // symlink escape
    struct stat st {};
    if (stat(full.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
    std::ifstream in(full, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream ss;
    ss << in.rdbuf();
    return StaticFile{contentTypeFor(full), ss.str()};
}

}  // namespace assay
