// FolderWatchers: polling threads, stability by size and mtime, processed/ and parked/.
#include "net/FolderWatchers.hpp"
#include "domain/CaptureMessages.hpp"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "assay/Error.hpp"
#include "assay/Log.hpp"

namespace fs = std::filesystem;

namespace assay::capture {

struct FolderWatchers::Watch {
    std::int64_t labId = 0;
    Instrument instrument;
    Principal actor;
    std::string path;
    int intervalMs = 500;
    std::atomic<bool> stopping{false};
    std::atomic<std::int64_t> imported{0}, parked{0};
    std::thread thread;
};

namespace {
using Watch = FolderWatchers::Watch;

// A name in processed/ or parked/ that does not overwrite an earlier file of the same name.
fs::path freeName(const fs::path& dir, const std::string& name) {
    fs::path p = dir / name;
    for (int n = 1; fs::exists(p); ++n) p = dir / (name + "." + std::to_string(n));
    return p;
}

void poll(CaptureService& service, Watch& w) {
    struct Seen {
        std::uintmax_t size = 0;
        fs::file_time_type mtime;
        int attempts = 0;
    };
    // A file is read once it has not changed for kQuiet and over two polls (an SMB copy may
    // pause longer than one poll), and imported only if it did not change while being read.
    constexpr auto kQuiet = std::chrono::seconds(2);
    std::map<std::string, Seen> seen, done;  // done: imported but could not be moved (not again)
    const fs::path dir(w.path);
    while (!w.stopping) {
        std::error_code ec;
        std::map<std::string, Seen> now, stillDone;
        for (const auto& entry : fs::directory_iterator(dir, ec)) {
            if (!entry.is_regular_file(ec)) continue;
            const std::string name = entry.path().filename().string();
            if (name.empty() || name[0] == '.' || name.ends_with(".tmp") || name.ends_with(".part")) continue;
            Seen s{entry.file_size(ec), entry.last_write_time(ec), 0};
            if (ec) continue;
            if (auto d = done.find(name); d != done.end() && d->second.size == s.size && d->second.mtime == s.mtime) {
                stillDone[name] = s;
                continue;
            }
            auto before = seen.find(name);
            if (before == seen.end() || before->second.size != s.size || before->second.mtime != s.mtime ||
                fs::file_time_type::clock::now() - s.mtime < kQuiet) {
                if (before != seen.end() && before->second.size == s.size && before->second.mtime == s.mtime) s.attempts = before->second.attempts;
                now[name] = s;  // new, still changing or too fresh: look again next time
                continue;
            }
            s.attempts = before->second.attempts;
            std::string bytes;
            {
                std::ifstream in(entry.path(), std::ios::binary);
                std::ostringstream buf;
                buf << in.rdbuf();
                bytes = buf.str();
                if (!in.good() && !in.eof()) bytes.clear();
            }
            const auto sizeAfter = fs::file_size(entry.path(), ec);
            const auto mtimeAfter = fs::last_write_time(entry.path(), ec);
            if (ec || bytes.size() != s.size || sizeAfter != s.size || mtimeAfter != s.mtime) {
                now[name] = Seen{sizeAfter, mtimeAfter, s.attempts};  // changed or unreadable while read: later
                continue;
            }
            try {
                service.import(w.actor, w.instrument.id, "folder", name, bytes, "folder:" + w.path);  // R20: stored first
                ++w.imported;
                fs::rename(entry.path(), freeName(dir / "processed", name), ec);
                if (ec) {
                    Log::error("capture.folder.not_moved", {{"instrument", w.instrument.name}, {"file", name}, {"error", ec.message()}});
                    stillDone[name] = s;  // stored: not imported again while it stays as it is
                }
            } catch (const std::exception& ex) {
                if (++s.attempts >= 3) {
                    fs::rename(entry.path(), freeName(dir / "parked", name), ec);
                    ++w.parked;
                    Log::error("capture.folder.parked", {{"instrument", w.instrument.name}, {"file", name}, {"error", ex.what()}});
                } else {
                    now[name] = s;
                }
            }
        }
        seen.swap(now);
        done.swap(stillDone);
        for (int slept = 0; slept < w.intervalMs && !w.stopping; slept += 50) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}
}  // namespace

FolderWatchers::~FolderWatchers() { stopAll(); }

std::string FolderWatchers::start(const Principal& p, std::int64_t instrumentId, const std::string& folder, int intervalMs,
                                  const std::string& requestId) {
    std::vector<FieldError> errors;
    if (folder.empty() || folder.size() > 100 || folder.find("..") != std::string::npos || folder.find('/') != std::string::npos ||
        folder.find('\\') != std::string::npos || folder[0] == '.')
        errors.push_back({"folder", msg::kFolderName});
    if (intervalMs < 100 || intervalMs > 60000) errors.push_back({"interval_ms", "100 to 60000"});
    if (!errors.empty()) throw Error::invalid(errors);
    const Instrument instrument = service_.instrument(p, instrumentId);
    // A balance's runs are the transcripts the server writes as it weighs: no folder holds them.
    if (!instrument.driverRef || !instrument.driverRef->capabilities().files)
        throw Error::invalidField("driver", Message(msg::kOnlyFiles, {{"drivers", driverChoices(service_.drivers(), [](const DriverCapabilities& c) { return c.files; })}}));
    std::string path;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (watches_.count(instrumentId)) throw Error::conflict(msg::kFolderWatched, {});
        path = launch(instrument, folder, intervalMs);
    }
    service_.rememberFolder(p, instrumentId, folder, intervalMs, requestId);
    return path;
}

int FolderWatchers::startSaved() {
    int started = 0;
    for (const auto& instrument : service_.listeningInstruments()) {
        if (!instrument.watchFolder) continue;
        std::lock_guard<std::mutex> lock(mutex_);
        if (watches_.count(instrument.id)) continue;
        try {
            launch(instrument, *instrument.watchFolder, instrument.watchIntervalMs);
            ++started;
        } catch (const std::exception& e) {
            Log::error("capture.folder.restart_failed", {{"instrument", instrument.name}, {"error", e.what()}});
        }
    }
    return started;
}

std::string FolderWatchers::launch(const Instrument& instrument, const std::string& folder, int intervalMs) {
    const std::int64_t instrumentId = instrument.id;
    auto w = std::make_shared<Watch>();
    w->labId = instrument.labId;
    w->instrument = instrument;
    w->actor.username = "instrument:" + instrument.name;
    w->actor.displayName = instrument.name;
    w->actor.orgId = instrument.labId;
    w->actor.orgKind = "lab";
    w->actor.roles = {"instrument"};
    w->path = (fs::path(root_) / folder).string();
    w->intervalMs = intervalMs;
    std::error_code ec;
    fs::create_directories(fs::path(w->path) / "processed", ec);
    fs::create_directories(fs::path(w->path) / "parked", ec);
    if (ec) throw Error::internal("cannot create " + w->path + ": " + ec.message());
    w->thread = std::thread([this, w] { poll(service_, *w); });
    watches_[instrumentId] = w;
    Log::info("capture.folder.watching", {{"instrument", instrument.name}, {"path", w->path}});
    return w->path;
}

void FolderWatchers::stop(const Principal& p, std::int64_t instrumentId, const std::string& requestId) {
    std::shared_ptr<Watch> w;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        auto it = watches_.find(instrumentId);
        if (it == watches_.end() || !p.sees(it->second->labId)) throw Error::notFound("watched folder");
        w = it->second;
        watches_.erase(it);
    }
    w->stopping = true;
    if (w->thread.joinable()) w->thread.join();
    service_.rememberFolder(p, instrumentId, std::nullopt, w->intervalMs, requestId);
}

std::vector<FolderStatus> FolderWatchers::status(const Principal& p) {
    std::vector<FolderStatus> out;
    std::lock_guard<std::mutex> lock(mutex_);
    for (const auto& [id, w] : watches_)
        if (p.sees(w->labId)) out.push_back({id, w->instrument.name, w->path, w->imported, w->parked});
    return out;
}

void FolderWatchers::stopAll() {
    std::map<std::int64_t, std::shared_ptr<Watch>> all;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        all.swap(watches_);
    }
    for (auto& [id, w] : all) w->stopping = true;
    for (auto& [id, w] : all)
        if (w->thread.joinable()) w->thread.join();
}

}  // namespace assay::capture
