// Uscc: GB 32100-2015 check character.
#include "assay/Uscc.hpp"

#include <cctype>

#include "assay/Messages.hpp"

namespace assay {

namespace {
constexpr std::string_view kCharset = "0123456789ABCDEFGHJKLMNPQRTUWXY";  // 31 characters
constexpr int kWeights[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

int valueOf(char c) {
    auto pos = kCharset.find(c);
    return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}
}  // namespace

std::optional<char> usccCheckCharacter(std::string_view first17) {
    if (first17.size() != 17) return std::nullopt;
    int sum = 0;
    for (std::size_t i = 0; i < 17; ++i) {
        const int v = valueOf(first17[i]);
        if (v < 0) return std::nullopt;
        sum += v * kWeights[i];
    }
    const int c = (31 - sum % 31) % 31;
    return kCharset[static_cast<std::size_t>(c)];
}

std::optional<Message> usccMessage(std::string_view code) {
    if (code.size() != 18) return Message(msg::kUsccLength);
    for (std::size_t i = 0; i < 18; ++i) {
        if (valueOf(code[i]) < 0) return Message(msg::kUsccCharacter, {{"position", i + 1}});
    }
    for (std::size_t i = 2; i < 8; ++i) {
        if (!std::isdigit(static_cast<unsigned char>(code[i]))) return Message(msg::kUsccDivision);
    }
    auto check = usccCheckCharacter(code.substr(0, 17));
    if (!check || *check != code[17]) return Message(msg::kUsccCheck);
    return std::nullopt;
}

std::optional<std::string> usccProblem(std::string_view code) {
    if (auto m = usccMessage(code)) return m->english();
    return std::nullopt;
}

}  // namespace assay
