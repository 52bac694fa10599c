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

std::string unframe(std::string_view wire, const LinkOptions& options) {
    std::string text;
    std::size_t at = 0;
    while ((at = wire.find(kStx, at)) != std::string_view::npos) {
        const std::size_t end = wire.find_first_of(std::string_view("\x03\x17", 2), at + 1);
        if (end == std::string_view::npos) break;  // a frame without an end: nothing more to take
        std::string_view body = wire.substr(at + 1, end - at - 1);
        if (!options.simplified && !body.empty() && body[0] >= '0' && body[0] <= '7') body.remove_prefix(1);
        text += body;
        at = end + 1;
    }
    return text;
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
    lastFrame_.clear();
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
        // The previous frame again (our ACK was lost): only when there is one, and it is the same.
        if (fn == (expected_ + 7) % 8 && !lastFrame_.empty() && frame_ == lastFrame_) {
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
        undo_ = {text_, raw_, lastFrame_, expected_, lastWasEnd_};
        text_ += text;
        raw_ += frameRaw_;
        expected_ = (expected_ + 1) % 8;
        lastFrame_ = frame_;
        lastWasEnd_ = end == kEtx;
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

void AstmReceiver::rejectLast() {
    text_ = undo_.text;
    raw_ = undo_.raw;
    lastFrame_ = undo_.lastFrame;
    expected_ = undo_.expected;
    lastWasEnd_ = undo_.lastWasEnd;
}

std::vector<LinkEvent> AstmReceiver::feedUnframed(std::string_view bytes) {
    std::vector<LinkEvent> out;
    for (char c : bytes) {
        if (c == kCr || c == kLf || !restricted(c)) {
            text_ += c;
            raw_ += c;
            if (c == kCr && endsWithTerminator(text_)) {
                out.push_back({LinkEvent::Kind::Message, text_, raw_});
                text_.clear();
                raw_.clear();
            } else if (text_.size() > options_.maxFrameText * 4096) {
                discard(out, "unframed records without an L record: too long, dropped");
            }
        } else {
            out.push_back({LinkEvent::Kind::Diagnostic, "control byte in unframed records ignored", std::string(1, c)});
        }
    }
    state_ = text_.empty() ? State::Idle : State::WaitFrame;
    return out;
}

std::vector<LinkEvent> AstmReceiver::feed(std::string_view bytes) {
    if (options_.unframed) return feedUnframed(bytes);
    std::vector<LinkEvent> out;
    for (char c : bytes) {
        switch (state_) {
            case State::Idle:
                if (c == kEnq) {
                    out.push_back({LinkEvent::Kind::Reply, std::string(1, kAck), ""});
                    state_ = State::WaitFrame;
                    expected_ = 1;
                    lastFrame_.clear();
                    lastWasEnd_ = false;
                } else if (c != kEot) {
                    out.push_back({LinkEvent::Kind::Diagnostic, "byte outside a session ignored", std::string(1, c)});
                }
                break;
            case State::WaitFrame:
                if (c == kStx) {
                    state_ = State::InFrame;
                    frameRaw_ = std::string(1, c);
                } else if (c == kEot) {
                    if (!text_.empty() && lastWasEnd_) {
                        // Complete records (their last frame was an end frame) but no L record:
                        // kept, not dropped; stored now, later than the standard path.
                        out.push_back({LinkEvent::Kind::Diagnostic, "the transmission ended without an L record: stored at EOT", ""});
                        out.push_back({LinkEvent::Kind::Message, text_, raw_});
                        text_.clear();
                        raw_.clear();
                    } else {
                        discard(out, "EOT before the message was complete");
                    }
                    state_ = State::Idle;
                    lastFrame_.clear();
                } else if (c == kEnq) {
                    // The sender started over: what it sent before is not a message.
                    discard(out, "ENQ again: the sender started over");
                    out.push_back({LinkEvent::Kind::Reply, std::string(1, kAck), ""});
                    expected_ = 1;
                    lastFrame_.clear();
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
                if (++naks_ > 6) {  // retransmitted up to 6 times, then EOT
                    state_ = State::Idle;
                    out.push_back({SendEvent::Kind::Write, std::string(1, kEot)});
                    out.push_back({SendEvent::Kind::Failed, "frame " + std::to_string(next_ + 1) + " refused 7 times (6 retransmissions)"});
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
