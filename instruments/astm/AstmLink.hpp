// AstmLink: the ASTM E1381 (LIS01) data-link layer, receiver side, as a byte-stream state machine.
//
// Purpose: an instrument sends ENQ, then frames <STX> FN text <ETB|ETX> C1 C2 <CR> <LF>, then
// EOT. A record longer than a frame is continued in ETB frames and ended by an ETX frame; a
// message (H ... L) is complete at the end frame that carries its terminator record (L), so an
// instrument sending one record per frame gives one message, not one per record. feed() takes whatever chunk the socket or serial port delivered (a frame may arrive
// across many reads) and returns, in order, what the host must do: send a reply byte (ACK or
// NAK), or take a complete message (the frame texts up to ETX, joined) with its exact wire
// bytes. A message event always comes before the ACK of its last frame: store the raw bytes
// first, then send the ACK (so a server killed in between leads to a retransmission, not a
// loss). Bad frames (checksum, frame number, restricted characters, too long) are NAKed; a
// retransmitted frame (the previous number after a lost ACK) is ACKed and dropped; EOT or a
// timeout discards a partial message. Lenient options cover real instruments: checksums off,
// oversized frames, and the Snibe "simplified" mode (STX, whole message, ETX, no frame number
// or checksum). Never throws on bad bytes: problems are diagnostics.
// Thread-safety: one instance per connection; not shared between threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace assay::instruments::astm {

constexpr char kStx = 0x02, kEtx = 0x03, kEot = 0x04, kEnq = 0x05, kAck = 0x06, kLf = 0x0A, kCr = 0x0D, kNak = 0x15,
               kEtb = 0x17;

// The E1381 checksum of a frame body (FN through ETX/ETB): the byte sum modulo 256 as two
// uppercase hex digits. On the encoded bytes, whatever the text encoding.
std::string checksum(std::string_view fnThroughEnd);
// A whole frame for a sender (and the simulators): <STX> fn text end C1 C2 <CR> <LF>.
std::string frame(int frameNumber, std::string_view text, bool last);

struct LinkOptions {
    bool checksums = true;          // false: accept any C1 C2 (instruments with checksums off)
    std::size_t maxFrameText = 240;  // E1381 says 240; some instruments send one frame per message
    bool simplified = false;        // Snibe: STX text ETX, no frame number, no checksum
    // A message (H ... L) may span several end frames: many analyzers send one record per frame,
    // each ended by ETX. It is complete at the end frame whose last record is the terminator (L);
    // true: every end frame is a message (instruments that send no L record).
    bool messagePerEndFrame = false;
    // Records without any framing (no ENQ, STX or checksums) straight on the socket: a message
    // is complete at the CR ending its L record. Nothing is acknowledged (there is no protocol to
    // do it); control bytes are dropped with a diagnostic.
    bool unframed = false;
};

// The frame texts of stored wire bytes, joined: what the frames say, without checking numbers or
// checksums (the receiver did when they came). Bytes outside frames are skipped.
std::string unframe(std::string_view wire, const LinkOptions& options);

// The text's last record is an E1394 terminator record (L).
bool endsWithTerminator(std::string_view text);

struct LinkEvent {
    enum class Kind { Reply, Message, Discarded, Diagnostic };
    Kind kind;
    std::string text;  // Reply: the byte to send; Message: the joined frame texts; else: why
    std::string raw;   // Message / Discarded: the wire bytes of the message, as received
};

// The sender role: the host sending orders (answers to Q queries), or a simulator playing the
// instrument. start() cuts the message into frames (each record ends in an ETX frame, a record
// longer than maxFrameText continues in ETB frames) and asks for the line with ENQ; feed() takes
// the receiver's replies: ACK sends the next frame (EOT after the last), NAK sends the same frame
// again (up to 6 retransmissions; the seventh NAK gives up with EOT), ENQ while waiting for the line is contention (the
// instrument has priority: the host receives first and tries again later), NAK to the ENQ means
// the receiver is busy (try again in 10 s). timeout() is the 15 s sender timer: EOT, failed.
struct SendEvent {
    enum class Kind { Write, Done, Failed, Busy, Contention };
    Kind kind;
    std::string bytes;  // Write: what to send; Failed, Busy, Contention: why
};

class AstmSender {
public:
    explicit AstmSender(LinkOptions options = {}) : options_(options) {}
    std::vector<SendEvent> start(std::string_view messageText);
    // Asks for the line again after Busy or Contention (the same frames).
    std::vector<SendEvent> resume();
    std::vector<SendEvent> feed(std::string_view bytes);
    std::vector<SendEvent> timeout();
    bool idle() const { return state_ == State::Idle; }
    std::size_t frames() const { return frames_.size(); }

private:
    enum class State { Idle, WaitLine, WaitFrameReply };
    LinkOptions options_;
    State state_ = State::Idle;
    std::vector<std::string> frames_;
    std::size_t next_ = 0;  // the frame waiting for its reply
    int naks_ = 0;
};

class AstmReceiver {
public:
    explicit AstmReceiver(LinkOptions options = {}) : options_(options) {}
    std::vector<LinkEvent> feed(std::string_view bytes);
    // The host could not store the message of the frame just accepted: the frame is taken back
    // (its number is expected again, the message text is as before it), so the NAK the host
    // sends instead of the ACK makes the instrument send it again and the message comes again.
    void rejectLast();
    // The receiver's timer ran out (30 s in E1381): a partial message is discarded.
    std::vector<LinkEvent> timeout();
    bool idle() const { return state_ == State::Idle; }

private:
    enum class State { Idle, WaitFrame, InFrame, Trailer };
    void endFrame(std::vector<LinkEvent>& out);
    void discard(std::vector<LinkEvent>& out, const std::string& why);
    LinkOptions options_;
    State state_ = State::Idle;
    int expected_ = 1;         // the frame number expected next
    std::string frame_;        // FN + text + ETB/ETX of the frame being read
    std::string trailer_;      // C1 C2 CR LF
    std::string text_;         // the message so far
    std::string raw_;          // its wire bytes
    std::string frameRaw_;     // the current frame's wire bytes
    std::string lastFrame_;    // the last accepted frame (FN + text + end): a duplicate must equal it
    bool lastWasEnd_ = false;  // the last accepted frame ended with ETX
    struct Undo {
        std::string text, raw, lastFrame;
        int expected = 1;
        bool lastWasEnd = false;
    } undo_;                   // the state before the last accepted frame (rejectLast)
    std::vector<LinkEvent> feedUnframed(std::string_view bytes);
};

}  // namespace assay::instruments::astm
