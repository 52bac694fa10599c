// AstmLink: E1381 receiver state machine and the checksum.
#include "astm/AstmLink.hpp"

#include <algorithm>
#include <cctype>

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

bool endsWithTerminator(std::string_view text) {
    while (!text.empty() && (text.back() == kCr || text.back() == kLf)) text.remove_suffix(1);
    const auto cut = text.find_last_of("\r\n");
    const std::string_view last = cut == std::string_view::npos ? text : text.substr(cut + 1);
    return !last.empty() && last[0] == 'L' && (last.size() == 1 || !std::isalnum(static_cast<unsigned char>(last[1])));
}

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
        if (end == kEtx && (options_.messagePerEndFrame || endsWithTerminator(text_))) {
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

std::vector<SendEvent> AstmSender::start(std::string_view text) {
    if (state_ != State::Idle) return {{SendEvent::Kind::Failed, "a message is being sent"}};
    frames_.clear();
    const std::size_t size = std::max<std::size_t>(1, options_.maxFrameText);
    int n = 1;
    std::size_t at = 0;
    while (at < text.size()) {
        std::size_t end = text.find(kCr, at);
        end = end == std::string_view::npos ? text.size() : end + 1;  // a record with its CR
        const std::string_view record = text.substr(at, end - at);
        for (std::size_t k = 0; k < record.size(); k += size) {
            const bool last = k + size >= record.size();
            frames_.push_back(frame(n++, record.substr(k, size), last));
        }
        at = end;
    }
    if (frames_.empty()) return {{SendEvent::Kind::Failed, "nothing to send"}};
    return resume();
}

std::vector<SendEvent> AstmSender::resume() {
    if (frames_.empty()) return {{SendEvent::Kind::Failed, "nothing to send"}};
    state_ = State::WaitLine;
    next_ = 0;
    naks_ = 0;
    return {{SendEvent::Kind::Write, std::string(1, kEnq)}};
}

std::vector<SendEvent> AstmSender::feed(std::string_view bytes) {
    std::vector<SendEvent> out;
    for (char c : bytes) {
        if (state_ == State::WaitLine) {
            if (c == kAck) {
                state_ = State::WaitFrameReply;
                out.push_back({SendEvent::Kind::Write, frames_[0]});
            } else if (c == kNak) {
                state_ = State::Idle;
                out.push_back({SendEvent::Kind::Busy, "the receiver is not ready (NAK to ENQ): ask again in 10 s"});
            } else if (c == kEnq) {
                state_ = State::Idle;
                out.push_back({SendEvent::Kind::Contention, "the instrument asked for the line at the same time: it goes first"});
            }
        } else if (state_ == State::WaitFrameReply) {
            if (c == kAck || c == kEot) {  // EOT: the receiver asks to send later; this message goes on
                naks_ = 0;
                if (++next_ < frames_.size()) {
                    out.push_back({SendEvent::Kind::Write, frames_[next_]});
                } else {
                    state_ = State::Idle;
                    out.push_back({SendEvent::Kind::Write, std::string(1, kEot)});
                    out.push_back({SendEvent::Kind::Done, ""});
                }
            } else if (c == kNak) {
                if (++naks_ >= 6) {
                    state_ = State::Idle;
                    out.push_back({SendEvent::Kind::Write, std::string(1, kEot)});
                    out.push_back({SendEvent::Kind::Failed, "frame " + std::to_string(next_ + 1) + " refused 6 times"});
                } else {
                    out.push_back({SendEvent::Kind::Write, frames_[next_]});
                }
            }
        }
    }
    return out;
}

std::vector<SendEvent> AstmSender::timeout() {
    if (state_ == State::Idle) return {};
    state_ = State::Idle;
    return {{SendEvent::Kind::Write, std::string(1, kEot)}, {SendEvent::Kind::Failed, "no reply within 15 s"}};
}

}  // namespace assay::instruments::astm
