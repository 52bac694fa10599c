// StoredReasons: rule verdicts kept in a text column (a contract review's blockers and scope
// verdicts) so that they are shown later in the reader's language, not in the language of the
// request that computed them.
//
// Purpose: a verdict computed once and stored (a reviewed order item says why it cannot be done,
// or why it is in or outside the scope) was an English sentence. It is now stored as its rule and
// catalogue message (key and parameters, assay/Message.hpp) in a small JSON text, and rendered
// when it is read:
//
//   i.cmaReason = storeReasons({{"R1", v.cma.why}});               // [{"rule":"R1","k":"scope...","p":{...}}]
//   field::text("cma_reason", renderReasons(loadReasons(*i.cmaReason), requestLang()));
//
// A text written before (an English "R1: ..." sentence, several joined by "; ") loads as legacy
// messages with their rule, so old rows still read. A key unknown to the catalogue loads as a
// legacy message showing the English text stored beside it.
// Thread-safety: pure functions (the catalogue is only read).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "assay/Message.hpp"

namespace assay {

struct StoredReason {
    std::string rule;  // "R1", or empty for a basis (why it is in scope)
    Message message;
};

// The JSON text of the reasons; when it would be longer than maxChars (the column), the reasons'
// English text is stored instead (a legacy text, clipped), which still loads.
std::string storeReasons(const std::vector<StoredReason>& reasons, std::size_t maxChars);
std::vector<StoredReason> loadReasons(std::string_view stored);
// "R1: text; R13: text" in lang (a reason without a rule is its text alone).
std::string renderReasons(const std::vector<StoredReason>& reasons, Lang lang);

}  // namespace assay
