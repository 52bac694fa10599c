// AstmLink: E1381 receiver state machine and the checksum.
#include "astm/AstmLink.hpp"

namespace assay::instruments::astm {

namespace {
bool restricted(char c) {
    switch (c) {
        case 0x01: case kStx: case kEtx: case kEot: case kEnq: case kAck: case 0x10: case kNak: case 0x16: case kEtb: case kLf:
        case 0x11: case 0x12: case 0x13: case 0x14:
            return true;
        default:
            return false;
    }
}
}  // namespace

std::string checksum(std::string_view body) {
    unsigned sum = 0;
    for (unsigned char c : body) sum += c;
    static const char* kHex = "0123456789ABCDEF";
    return {kHex[(sum >> 4) & 0xF], kHex[sum & 0xF]};
}

std::string frame(int frameNumber, std::string_view text, bool last) {
    std::string body = std::to_string(frameNumber % 8);
    body += text;
    body += last ? kEtx : kEtb;
    return std::string(1, kStx) + body + checksum(body) + std::string{kCr, kLf};
}

void AstmReceiver::discard(std::vector<LinkEvent>& out, const std::string& why) {
    if (!text_.empty() || !frame_.empty()) out.push_back({LinkEvent::Kind::Discarded, why, raw_ + frameRaw_});
    text_.clear();
    raw_.clear();
    frame_.clear();
    frameRaw_.clear();
    trailer_.clear();
}

std::vector<LinkEvent> AstmReceiver::timeout() {
    std::vector<LinkEvent> out;
    discard(out, "timeout: the message was not completed");
    state_ = State::Idle;
    expected_ = 1;
    return out;
}

void AstmReceiver::endFrame(std::vector<LinkEvent>& out) {
    const char end = frame_.back();
    std::string why;
    std::string text;
    int fn = -1;
    if (options_.simplified) {
        text = frame_.substr(0, frame_.size() - 1);
    } else {
        if (frame_.size() < 2 || frame_[0] < '0' || frame_[0] > '7') why = "no frame number";
        else fn = frame_[0] - '0';
        text = frame_.size() >= 2 ? frame_.substr(1, frame_.size() - 2) : std::string();
        if (why.empty() && options_.checksums && trailer_.substr(0, 2) != checksum(frame_))
            why = "checksum " + trailer_.substr(0, 2) + " does not match " + checksum(frame_);
    }
    if (why.empty() && text.size() > options_.maxFrameText) why = "frame text longer than " + std::to_string(options_.maxFrameText);
    for (char c : text)
        if (why.empty() && restricted(c)) why = "restricted character in the frame text";
    if (why.empty() && !options_.simplified && fn != expected_) {
        if (fn == (expected_ + 7) % 8) {  // the previous frame again: our ACK was lost
            out.push_back({LinkEvent::Kind::Diagnostic, "frame " + std::to_string(fn) + " received twice: kept once", ""});
            out.push_back({LinkEvent::Kind::Reply, std::string(1, kAck), ""});
            frame_.clear();
            frameRaw_.clear();
            trailer_.clear();
            state_ = State::WaitFrame;
            return;
        }
        why = "frame number " + std::to_string(fn) + " where " + std::to_string(expected_) + " was expected";
    }
    if (!why.empty()) {
        out.push_back({LinkEvent::Kind::Diagnostic, why, frameRaw_});
        out.push_back({LinkEvent::Kind::Reply, std::string(1, kNak), ""});  // the sender sends the same frame again
    } else {
        text_ += text;
        raw_ += frameRaw_;
        expected_ = (expected_ + 1) % 8;
        if (end == kEtx) {
            out.push_back({LinkEvent::Kind::Message, text_, raw_});  // store before the ACK below is sent
            text_.clear();
            raw_.clear();
        }
        out.push_back({LinkEvent::Kind::Reply, std::string(1, kAck), ""});
    }
    frame_.clear();
    frameRaw_.clear();
    trailer_.clear();
    state_ = State::WaitFrame;
}

std::vector<LinkEvent> AstmReceiver::feed(std::string_view bytes) {
    std::vector<LinkEvent> out;
    for (char c : bytes) {
        switch (state_) {
            case State::Idle:
                if (c == kEnq) {
                    out.push_back({LinkEvent::Kind::Reply, std::string(1, kAck), ""});
                    state_ = State::WaitFrame;
                    expected_ = 1;
                } else if (c != kEot) {
                    out.push_back({LinkEvent::Kind::Diagnostic, "byte outside a session ignored", std::string(1, c)});
                }
                break;
            case State::WaitFrame:
                if (c == kStx) {
                    state_ = State::InFrame;
                    frameRaw_ = std::string(1, c);
                } else if (c == kEot) {
                    discard(out, "EOT before the message was complete");
                    state_ = State::Idle;
                } else if (c == kEnq) {
                    out.push_back({LinkEvent::Kind::Reply, std::string(1, kAck), ""});
                    expected_ = 1;
                }
                break;
            case State::InFrame:
                frameRaw_ += c;
                if (c == kEtx || c == kEtb) {
                    frame_ += c;
                    if (options_.simplified) endFrame(out);
                    else state_ = State::Trailer;
                } else if (c == kEot) {
                    frame_.clear();
                    discard(out, "EOT inside a frame");
                    state_ = State::Idle;
                } else if (frame_.size() > options_.maxFrameText + 8) {
                    out.push_back({LinkEvent::Kind::Diagnostic, "frame without an end: dropped", ""});
                    out.push_back({LinkEvent::Kind::Reply, std::string(1, kNak), ""});
                    frame_.clear();
                    frameRaw_.clear();
                    state_ = State::WaitFrame;
                } else {
                    frame_ += c;
                }
                break;
            case State::Trailer:
                frameRaw_ += c;
                trailer_ += c;
                if (c == kLf || trailer_.size() >= 4) endFrame(out);
                break;
        }
    }
    return out;
}

}  // namespace assay::instruments::astm
