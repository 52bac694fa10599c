// libFuzzer target: the ASTM E1381 receiver never crashes, whatever bytes and options arrive.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "astm/AstmLink.hpp"

using namespace assay::instruments::astm;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    LinkOptions o;
    o.checksums = data[0] & 1;
    o.simplified = data[0] & 2;
    o.maxFrameText = (data[0] & 4) ? 240 : 4096;
    o.messagePerEndFrame = data[0] & 8;
    AstmReceiver r(o);
    AstmSender s(o);  // the sender role: the same bytes are its message, then the replies it gets
    s.start(std::string_view(reinterpret_cast<const char*>(data + 1), size - 1));
    std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
    // Feed in chunks whose sizes come from the input itself.
    for (std::size_t i = 0; i < bytes.size();) {
        const std::size_t n = 1 + static_cast<unsigned char>(bytes[i]) % 64;
        r.feed(bytes.substr(i, n));
        s.feed(bytes.substr(i, n));
        i += n;
    }
    r.timeout();
    s.timeout();
    return 0;
}
