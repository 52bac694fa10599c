// Uscc: the 统一社会信用代码 (unified social credit code) of GB 32100-2015.
//
// Purpose: validate the 18-character code of every organization (labs, customers, partners,
// manufacturers). Position 1 is the registration authority, 2 the organization type, 3-8 the
// administrative division (digits), 9-17 the organization code, and 18 the check character:
// C18 = 31 - (sum of value(Ci) * Wi mod 31), with Wi = 3^(i-1) mod 31, over the 31-character
// set 0-9 A-H J-N P-R T U W-Y (no I, O, S, V, Z); 31 maps to '0'.
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "assay/Message.hpp"

namespace assay {

// Empty when valid; otherwise the problem, e.g. "must be 18 characters", "bad check character".
std::optional<std::string> usccProblem(std::string_view code);
// The same problem as a catalogue message (assay/Messages.hpp), for a client.
std::optional<Message> usccMessage(std::string_view code);
inline bool isValidUscc(std::string_view code) { return !usccProblem(code); }
// The check character for the first 17 characters; empty if they contain an invalid character.
std::optional<char> usccCheckCharacter(std::string_view first17);

}  // namespace assay
