// CaptureJson: the one JSON rendering of each capture entity (instruments, runs, staged
// readings, import results, listeners, watched folders); every route that shows one renders
// through it.
// Thread-safety: pure functions.
#pragma once

#include <vector>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "domain/CaptureService.hpp"
#include "net/AstmListeners.hpp"
#include "net/FolderWatchers.hpp"

namespace assay::capture {

Poco::JSON::Object::Ptr toJson(const InstrumentDriver& d);
Poco::JSON::Object::Ptr toJson(const Instrument& i);
Poco::JSON::Object::Ptr toJson(const Run& r);
Poco::JSON::Object::Ptr toJson(const Staged& s);
Poco::JSON::Array::Ptr toJson(const std::vector<Staged>& staged);
// A run with its staged readings.
Poco::JSON::Object::Ptr toJson(const Run& r, const std::vector<Staged>& staged);
// An import's run with duplicate and staged.
Poco::JSON::Object::Ptr toJson(const ImportResult& result);
Poco::JSON::Object::Ptr toJson(const ListenerStatus& s);
Poco::JSON::Object::Ptr toJson(const FolderStatus& s);

}  // namespace assay::capture
