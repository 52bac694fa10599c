// FolderWatchers: watched folders for instruments that export files (CSV, TXT) into a share.
//
// Purpose: one thread per watched folder polls it; a file is imported only once it is stable
// (the same size and modification time on two polls in a row, so a file still being copied is
// left alone), as a capture run with its bytes stored first (R20); the same content again is
// the same run (deduplicated by its SHA-256). An imported file moves to processed/; a file that
// cannot be stored after 3 attempts moves to parked/ and is logged, never lost. Folders live
// under capture.folder_root (a name without "..", created if missing).
// Ownership: owns the polling threads. Thread-safety: start/stop/status from any request thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "assay/Principal.hpp"
#include "domain/CaptureService.hpp"

namespace assay::capture {

struct FolderStatus {
    std::int64_t instrumentId = 0;
    std::string instrument, path;
    std::int64_t imported = 0, parked = 0;
};

class FolderWatchers {
public:
    FolderWatchers(CaptureService& service, std::string root) : service_(service), root_(std::move(root)) {}
    ~FolderWatchers();
    FolderWatchers(const FolderWatchers&) = delete;
    FolderWatchers& operator=(const FolderWatchers&) = delete;

    // Starts watching root/<folder> for the instrument; returns the absolute path. Errors: 400
    // (folder name, interval 100-60000 ms); 404; 409 when it is watched already.
    // Remembers the folder: it is watched again when the server starts (capture.autostart).
    std::string start(const Principal& p, std::int64_t instrumentId, const std::string& folder, int intervalMs,
                      const std::string& requestId);
    // Stops and forgets it. 404 when not watched.
    void stop(const Principal& p, std::int64_t instrumentId, const std::string& requestId);
    // Start-up: the folders watched when the server stopped. Returns how many.
    int startSaved();
    std::vector<FolderStatus> status(const Principal& p);
    void stopAll();

    struct Watch;

private:
    std::string launch(const Instrument& instrument, const std::string& folder, int intervalMs);  // the caller holds mutex_
    CaptureService& service_;
    std::string root_;
    std::mutex mutex_;
    std::map<std::int64_t, std::shared_ptr<Watch>> watches_;
};

}  // namespace assay::capture
