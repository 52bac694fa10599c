// TestSupport: temp directories, a real assayd child process, and a small HTTP client.
//
// Purpose: http tests start the real assayd binary (path compiled in as ASSAYD_BIN) on a free
// port (http.port=0, the bound port read back from http.port_file), with a fresh SQLite
// database, and talk to it over loopback. Waits are condition polls with deadlines, never
// fixed sleeps. The server's stdout/stderr go to files in its temp dir, printed on failure.
// Thread-safety: HttpClient calls are independent; one TestServer per test fixture.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <sys/types.h>

namespace assay::test {

class TempDir {
public:
    TempDir();
    ~TempDir();
    const std::string& path() const { return path_; }
    std::string file(const std::string& name) const { return path_ + "/" + name; }

private:
    std::string path_;
};

std::string readFile(const std::string& path);
void writeFile(const std::string& path, const std::string& text);
// Polls cond every 10 ms until it holds or the deadline passes; returns cond's last value.
bool waitFor(const std::function<bool()>& cond, std::chrono::milliseconds deadline);

struct ProcessResult {
    int exitCode = -1;
    std::string out;  // stdout + stderr
};
// Runs a program to completion with extra environment variables; stdin from stdinText.
ProcessResult runProcess(const std::string& program, const std::vector<std::string>& args,
                         const std::map<std::string, std::string>& env, const std::string& stdinText = {});

struct HttpResponse {
    int status = 0;
    std::map<std::string, std::string> headers;  // lower-case names
    std::string body;
    std::string header(const std::string& name) const;
};

class HttpClient {
public:
    HttpClient(std::string host, int port, bool tls = false);
    HttpResponse request(const std::string& method, const std::string& path, const std::string& body = {},
                         const std::map<std::string, std::string>& headers = {});
    HttpResponse get(const std::string& path, const std::string& token = {});
    HttpResponse postJson(const std::string& path, const std::string& json, const std::string& token = {});
    // Logs in and returns the token; fails the test on a non-200.
    std::string login(const std::string& username, const std::string& password);

private:
    std::string host_;
    int port_;
    bool tls_;
};

class TestServer {
public:
    // extraEnv adds or overrides ASSAY_* variables (e.g. ASSAY_PLUGINS_LOAD).
    explicit TestServer(std::map<std::string, std::string> extraEnv = {}, bool tls = false);
    ~TestServer();
    int port() const { return port_; }
    HttpClient client() const { return HttpClient("127.0.0.1", port_, tls_); }
    const TempDir& dir() const { return dir_; }
    std::string dbPath() const { return dir_.file("assay.db"); }
    std::string log() const;
    // SIGKILL, as a power cut would; waits until the process is gone. Returns its exit status
    // (128 + 9 when the kill ended it, or the code it exited with before, e.g. a crash point's 86).
    int kill9();
    // Starts the binary again on the same directory and database (after kill9 or an exit), with
    // extraEnv over the first start's environment; waits for the new port. The old log is kept
    // (appended to assayd.log).
    void restart(const std::map<std::string, std::string>& extraEnv = {});
    static const char* adminPassword() { return "Admin-test-pw-1"; }
    // Starts the binary and waits for it to exit (for start-up failures); returns code + output.
    static ProcessResult startExpectingFailure(const std::map<std::string, std::string>& env,
                                               const std::vector<std::string>& args = {});

private:
    void startAndWait();
    TempDir dir_;
    std::map<std::string, std::string> env_;
    std::string oldLogs_;
    pid_t pid_ = -1;
    int port_ = 0;
    bool tls_ = false;
};

// Minimal JSON access for assertions (Poco-based).
std::string jsonString(const std::string& json, const std::string& key);

}  // namespace assay::test
