// SampleProgress: a sample's status follows its work.
//
// Purpose: the lab's sample register says where each sample is (在检, 已检, 已出报告) without anyone
// setting it by hand: testing moves a received sample to in_testing when one of its items is
// assigned and to tested when every item's result is approved; reports move it to reported when
// a report carrying it is issued. Each step runs in the caller's transaction, so the sample moves
// with the work or not at all. Published by IntakeModule.
// Thread-safety: implementations are safe from any thread.
#pragma once

#include <cstdint>
#include <string>

#include "assay/Db.hpp"
#include "assay/Principal.hpp"

namespace assay::intake {

enum class SampleStage { InTesting, Tested, Reported };

class SampleProgress {
public:
    virtual ~SampleProgress() = default;
    // Moves the sample of that code forward to `stage` along received -> in_testing -> tested ->
    // reported (a step may be skipped), with an audit event naming the work; a sample already
    // there or past it, not received yet, or out of that chain (rejected, cancelled, retained,
    // disposed) stays as it is.
    // Returns whether it moved. Reads and writes in the caller's transaction tx.
    virtual bool advance(Tx& tx, const Principal& p, std::int64_t labId, const std::string& sampleCode, SampleStage stage,
                         const std::string& why, const std::string& requestId) = 0;
};

}  // namespace assay::intake
