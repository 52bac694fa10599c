// PlatformMessages: the platform module's entries in the message catalogue (assay/Message.hpp):
// the link's envelope and signature problems, enrolment, the lab's platform page, the public
// catalogue and the verification on the platform. Listed by PlatformModule::messages.
#pragma once

#include <vector>

#include "assay/Message.hpp"

namespace assay::platform::msg {

inline constexpr MessageDef kLabId{"platform.envelope.lab_id", "必须是平台分配的机构编号（十进制数字）", "must be the lab's platform id (decimal digits)"};
inline constexpr MessageDef kUnknownType{"platform.envelope.unknown_type", "未知的消息类型“{type}”", "unknown message type '{type}'"};
inline constexpr MessageDef kBodyObject{"platform.envelope.body_object", "必须是 JSON 对象", "must be a JSON object"};
inline constexpr MessageDef kBodyNoFractions{"platform.envelope.body_no_fractions", "不能含小数形式的数字（小数请用字符串）",
                                             "must hold no fractional numbers (decimals are strings)"};
inline constexpr MessageDef kUnknownLab{"platform.feed.unknown_lab", "平台上没有编号为 {lab} 的机构", "no lab {lab} is enrolled on this platform"};
inline constexpr MessageDef kNotApproved{"platform.feed.not_approved", "机构 {lab} 的入驻尚未获批准，平台不接收其消息",
                                         "lab {lab} is not approved: the platform takes none of its messages"};
inline constexpr MessageDef kUnknownKey{"platform.feed.unknown_key", "机构 {lab} 没有编号为 {key} 的实例密钥", "lab {lab} has no instance key {key}"};
inline constexpr MessageDef kBadSignature{"platform.feed.bad_signature", "签名验证失败：消息不是该机构的实例密钥所签，或签名后被改动",
                                          "the signature does not verify: the message was not signed by the lab's key, or was changed after"};
inline constexpr MessageDef kReplayConflict{"platform.feed.replay_conflict", "序号 {seq} 已应用过另一条内容不同的消息：拒绝重放",
                                            "seq {seq} was applied with different content: the replay is refused"};
inline constexpr MessageDef kBadBody{"platform.feed.bad_body", "消息内容不完整：{detail}", "the message body is incomplete: {detail}"};
inline constexpr MessageDef kUsccRequired{"platform.enrol.uscc", "机构的统一社会信用代码未登记：请先在机构信息中填写", "the lab's unified social credit code is not recorded: add it to the organization first"};
inline constexpr MessageDef kRegion{"platform.region", "必须是 6 位行政区划代码（GB/T 2260），如 110108", "must be a 6-digit administrative division code (GB/T 2260), e.g. 110108"};
inline constexpr MessageDef kPublicKey{"platform.enrol.public_key", "必须是 PEM 格式的 ECDSA P-256 公钥", "must be an ECDSA P-256 public key in PEM"};
inline constexpr MessageDef kKeyIdMismatch{"platform.enrol.key_id", "与公钥不符", "does not match the public key"};
inline constexpr MessageDef kProofSignature{"platform.enrol.signature", "申请未由所附公钥对应的私钥签名", "the request is not signed by the key it carries"};
inline constexpr MessageDef kNotPending{"platform.enrol.not_pending", "该入驻申请已处理（状态：{state}）", "the enrolment was already decided ({state})"};
inline constexpr MessageDef kReasonRequired{"platform.enrol.reason", "请填写拒绝理由", "give the reason for the refusal"};
inline constexpr MessageDef kNoKey{"platform.link.no_key", "请先生成本机构的实例密钥", "create the lab's instance key first"};
inline constexpr MessageDef kStateRequested{"platform.link.state.requested", "待审核", "waiting for the decision"};
inline constexpr MessageDef kStateApproved{"platform.link.state.approved", "已通过", "approved"};
inline constexpr MessageDef kStateRefused{"platform.link.state.refused", "已拒绝", "refused"};
inline constexpr MessageDef kAlreadyEnrolled{"platform.link.already", "本机构已提交入驻申请（状态：{state}）", "the lab has already asked to enrol ({state})"};
inline constexpr MessageDef kWaitForDecision{"platform.link.wait", "入驻申请待审核期间不能轮换密钥", "the key cannot be rotated while the enrolment waits for a decision"};
inline constexpr MessageDef kUrl{"platform.link.url", "必须是 http:// 或 https:// 开头的平台地址", "must be the platform's http:// or https:// address"};
inline constexpr MessageDef kSelfOnlyInBoth{"platform.link.self", "本实例不运行平台：请填写平台地址", "this instance runs no platform: give the platform's address"};
inline constexpr MessageDef kPlatformRefused{"platform.link.refused", "平台拒绝了请求：{detail}", "the platform refused: {detail}"};
inline constexpr MessageDef kPlatformUnreachable{"platform.link.unreachable", "无法连接平台 {url}：{detail}", "cannot reach the platform at {url}: {detail}"};
inline constexpr MessageDef kNotEnrolled{"platform.link.not_enrolled", "本机构尚未获准入驻平台：消息暂存，获批后按序发送",
                                         "the lab is not approved on the platform yet: messages wait and are sent in order once it is"};
inline constexpr MessageDef kSchemeFilter{"platform.catalogue.scheme", "必须是 CMA 或 CNAS", "must be CMA or CNAS"};
inline constexpr MessageDef kQueryTooLong{"platform.catalogue.q", "最多 100 个字符", "at most 100 characters"};
inline constexpr MessageDef kVerifyOne{"platform.verify.one", "请给出报告编号（number）或验证码（code）之一", "give the report number (number) or the verification code (code)"};
inline constexpr MessageDef kNoSuchReport{"platform.verify.unknown", "平台上没有该报告的验证记录", "the platform holds no verification record of that report"};
inline constexpr MessageDef kOneLab{"platform.feed.one_lab", "一批消息必须来自同一机构", "a batch holds the messages of one lab"};
inline constexpr MessageDef kBatchSize{"platform.feed.batch_size", "一批最多 {max} 条消息", "a batch holds at most {max} messages"};
inline constexpr MessageDef kInboxAuth{"platform.inbox.auth", "收件箱请求的签名无效或已过期", "the inbox request's signature is invalid or expired"};

inline std::vector<const MessageDef*> all() {
    return {&kLabId,          &kUnknownType,   &kBodyObject,      &kBodyNoFractions, &kUnknownLab,      &kNotApproved,
            &kUnknownKey,     &kBadSignature,  &kReplayConflict,  &kBadBody,         &kUsccRequired,    &kRegion,
            &kPublicKey,      &kKeyIdMismatch, &kProofSignature,  &kNotPending,      &kReasonRequired,  &kNoKey,
            &kAlreadyEnrolled, &kWaitForDecision, &kUrl,          &kSelfOnlyInBoth,  &kPlatformRefused, &kPlatformUnreachable,
            &kNotEnrolled,           &kSchemeFilter,    &kQueryTooLong,    &kVerifyOne,       &kNoSuchReport,
            &kInboxAuth,      &kOneLab,        &kBatchSize,       &kStateRequested,  &kStateApproved,   &kStateRefused};
}

}  // namespace assay::platform::msg
