// RawStore: content-addressed files, written to a temporary name, fsynced, renamed.
#include "storage/RawStore.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include <Poco/DigestEngine.h>
#include <Poco/File.h>
#include <Poco/SHA2Engine.h>

#include "assay/Error.hpp"

namespace assay::capture {

std::string RawStore::sha256(std::string_view bytes) {
    Poco::SHA2Engine e(Poco::SHA2Engine::SHA_256);
    e.update(bytes.data(), static_cast<unsigned>(bytes.size()));
    return Poco::DigestEngine::digestToHex(e.digest());
}

std::string RawStore::path(const std::string& sha) const { return dir_ + "/" + sha.substr(0, 2) + "/" + sha; }

RawStore::RawStore(std::string dir) : dir_(std::move(dir)) {
    static const char* kHex = "0123456789abcdef";
    for (int i = 0; i < 256; ++i) Poco::File(dir_ + "/" + kHex[i >> 4] + kHex[i & 15]).createDirectories();
    const int fd = ::open(dir_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

void RawStore::put(const std::string& sha, std::string_view bytes) {
    const std::string final = path(sha);
    if (Poco::File(final).exists()) return;  // the same content is stored already
    Poco::File(dir_ + "/" + sha.substr(0, 2)).createDirectories();
    const std::string tmp = final + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(reinterpret_cast<std::uintptr_t>(&bytes));
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
    if (fd < 0) throw Error::internal("raw store: cannot create " + tmp);
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n <= 0) {
            ::close(fd);
            ::unlink(tmp.c_str());
            throw Error::internal("raw store: cannot write " + tmp);
        }
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
        ::unlink(tmp.c_str());
        throw Error::internal("raw store: cannot sync " + tmp);
    }
    if (std::rename(tmp.c_str(), final.c_str()) != 0) {
        ::unlink(tmp.c_str());
        throw Error::internal("raw store: cannot rename into " + final);
    }
    // The rename is durable only once its directory is: without this, a power cut after the ACK
    // could leave the run's row pointing at a file that never reached the disk (R20).
    const std::string dir = dir_ + "/" + sha.substr(0, 2);
    const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd < 0 || ::fsync(dfd) != 0) {
        if (dfd >= 0) ::close(dfd);
        throw Error::internal("raw store: cannot sync the directory " + dir);
    }
    ::close(dfd);
}

std::string RawStore::get(const std::string& sha) const {
    std::ifstream in(path(sha), std::ios::binary);
    if (!in) throw Error::notFound("raw data");
    std::ostringstream s;
    s << in.rdbuf();
    std::string bytes = s.str();
    if (sha256(bytes) != sha) throw Error::internal("raw store: " + sha + " no longer matches its hash");
    return bytes;
}

}  // namespace assay::capture
