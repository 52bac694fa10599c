// PortalMessages: the SME portal's entries in the message catalogue (assay/Message.hpp):
// registration, e-mail codes, bookings, the lab's answers, messages and reports. Listed by
// PlatformModule::messages with the link's own.
#pragma once

#include <vector>

#include "assay/Message.hpp"

namespace assay::platform::msg {

inline constexpr MessageDef kMailFailed{"portal.mail_failed", "邮件发送失败，请稍后重新获取验证码", "the e-mail could not be sent: ask for a new code later"};
inline constexpr MessageDef kEmailShape{"portal.email", "必须是有效的电子邮箱地址（不超过 64 个字符）", "must be a valid e-mail address (at most 64 characters)"};
inline constexpr MessageDef kEmailTaken{"portal.email_taken", "该电子邮箱已注册，请直接登录或找回密码", "this e-mail is registered already: sign in or reset the password"};
inline constexpr MessageDef kUsccHeld{"portal.uscc_held", "该统一社会信用代码已由另一个平台账户注册，请联系贵单位的账户所有者邀请您加入",
                                      "another platform account holds this USCC: ask its owner to invite you"};
inline constexpr MessageDef kUsccNotCustomer{"portal.uscc_not_customer", "该统一社会信用代码属于平台上的检验检测机构，不能注册为企业用户",
                                             "this USCC belongs to a testing lab: it cannot register as an SME"};
inline constexpr MessageDef kPhoneShape{"portal.phone", "必须是有效的电话号码（数字、空格、“+”、“-”，6 至 20 位）",
                                        "must be a phone number (digits, spaces, '+', '-'; 6 to 20)"};
inline constexpr MessageDef kCodeWrong{"portal.code_wrong", "验证码错误或已过期", "the code is wrong or has expired"};
inline constexpr MessageDef kCodeTooMany{"portal.code_attempts", "验证码尝试次数过多，请重新获取", "too many attempts: ask for a new code"};
inline constexpr MessageDef kCodeTooSoon{"portal.code_too_soon", "验证码已发送，请 {seconds} 秒后再重新获取", "a code was just sent: ask again in {seconds} s"};
inline constexpr MessageDef kVerifiedAlready{"portal.verified_already", "电子邮箱已验证", "the e-mail is verified already"};
inline constexpr MessageDef kNotVerified{"portal.not_verified", "请先验证电子邮箱，验证后即可预约检测", "verify your e-mail first: then you can book"};
inline constexpr MessageDef kNoAccount{"portal.no_account", "仅平台企业用户可使用此功能", "only SME users of the platform can do this"};
inline constexpr MessageDef kOwnerOnly{"portal.owner_only", "只有账户所有者可以邀请成员", "only the account's owner invites members"};
inline constexpr MessageDef kLabNotBookable{"portal.lab_not_bookable", "该机构不在平台目录中，或已暂停接单", "this lab is not in the catalogue or takes no bookings"};
inline constexpr MessageDef kRowGone{"portal.row_gone", "该检测能力已不在目录中（可能已被暂停、撤销，或资质已失效），请重新选择",
                                     "this capability is no longer in the catalogue (suspended, withdrawn, or the qualification lapsed): choose again"};
inline constexpr MessageDef kRowNumber{"portal.row_key", "必须是目录中的能力编号（row_key，十进制数字）", "must be a catalogue row_key (decimal digits)"};
inline constexpr MessageDef kItemsRequired{"portal.items_required", "每个样品至少选择一个检测项目", "choose at least one item for each sample"};
inline constexpr MessageDef kItemTwice{"portal.item_twice", "同一样品不能重复选择同一检测项目", "an item is chosen twice for one sample"};
inline constexpr MessageDef kSamplesRequired{"portal.samples_required", "请至少描述一个样品（最多 {max} 个）", "describe at least one sample (at most {max})"};
inline constexpr MessageDef kCourierTracking{"portal.tracking_required", "快递寄样须填写快递公司和运单号", "a courier needs the carrier and the tracking number"};
inline constexpr MessageDef kSamplingAddress{"portal.address_required", "由实验室上门抽样须填写抽样地址", "the lab's sampling needs the address"};
inline constexpr MessageDef kMarkOne{"portal.mark", "每个标志须为 CMA 或 CNAS", "each mark is CMA or CNAS"};
inline constexpr MessageDef kBookingState{"portal.booking_state", "预约当前为“{status}”，不能进行此操作", "the booking is '{status}': this cannot be done now"};
inline constexpr MessageDef kOutsideScope{"portal.outside_scope", "以下项目不在实验室的资质认定（CMA/CNAS）范围内，须逐项明确接受：{positions}",
                                          "these items are outside the lab's CMA/CNAS scope and must each be accepted: {positions}"};
inline constexpr MessageDef kNotOffered{"portal.not_offered", "报价中没有第 {position} 项", "the offer has no item {position}"};
inline constexpr MessageDef kAttachmentSize{"portal.attachment_size", "附件不能超过 {max} MB", "an attachment is at most {max} MB"};
inline constexpr MessageDef kAttachmentBase64{"portal.attachment_base64", "附件内容必须是 Base64 编码", "the attachment must be base64"};
inline constexpr MessageDef kTextRequired{"portal.text_required", "请填写内容", "write something"};
inline constexpr MessageDef kNotBooking{"portal.not_booking", "该委托单不是平台预约", "this order is not a platform booking"};
inline constexpr MessageDef kOfferNeedsReview{"portal.offer_needs_review", "委托单须先完成合同评审，才能向客户报价", "review the order before making the offer"};
inline constexpr MessageDef kOfferNoPrice{"portal.offer_no_price", "有检测项目没有价格，无法报价：请在价格表中补充，或与客户协商排除该项目",
                                          "an item has no price: add it to the price list or exclude the item with the customer"};
inline constexpr MessageDef kOfferBlocked{"portal.offer_blocked", "有无法开展的检测项目尚未排除（{rule}）：{item}", "an item that cannot be done is not excluded ({rule}): {item}"};
inline constexpr MessageDef kOfferAnswered{"portal.offer_answered", "客户已答复报价，不能再修改", "the customer has answered the offer"};
inline constexpr MessageDef kDueDate{"portal.due_date", "必须是今天或以后的日期（YYYY-MM-DD）", "must be a date from today on (YYYY-MM-DD)"};
inline constexpr MessageDef kSampleNotInOrder{"portal.sample_not_in_order", "样品 {code} 不属于该委托单", "sample {code} is not in this order"};
inline constexpr MessageDef kQuestionAnswered{"portal.question_answered", "该问题已答复", "this question is answered already"};
inline constexpr MessageDef kDecision{"portal.decision", "必须是 proceed（继续检测）或 reject（退样）", "must be proceed or reject"};
inline constexpr MessageDef kBookingNotRegistered{"portal.booking_not_registered", "预约无法登记为委托单：{detail}", "the booking could not become an order: {detail}"};
inline constexpr MessageDef kNoMethod{"portal.no_method", "实验室没有“{standard}”的现行方法", "the lab has no current method of {standard}"};
inline constexpr MessageDef kAcceptFailed{"portal.accept_failed", "客户已接受报价，但委托单未能自动受理：{detail}", "the customer accepted, but the order could not be accepted: {detail}"};

inline std::vector<const MessageDef*> portalMessages() {
    return {&kMailFailed,     &kEmailShape,      &kEmailTaken,       &kUsccHeld,       &kUsccNotCustomer, &kPhoneShape,
            &kCodeWrong,      &kCodeTooMany,     &kCodeTooSoon,      &kVerifiedAlready, &kNotVerified,    &kNoAccount,
            &kOwnerOnly,      &kLabNotBookable,  &kRowGone,          &kRowNumber,      &kItemsRequired,   &kItemTwice,
            &kSamplesRequired, &kCourierTracking, &kSamplingAddress, &kMarkOne,        &kBookingState,    &kOutsideScope,
            &kNotOffered,     &kAttachmentSize,  &kAttachmentBase64, &kTextRequired,   &kNotBooking,      &kOfferNeedsReview,
            &kOfferNoPrice,   &kOfferBlocked,    &kOfferAnswered,    &kDueDate,        &kSampleNotInOrder, &kQuestionAnswered,
            &kDecision,       &kBookingNotRegistered, &kNoMethod,    &kAcceptFailed};
}

}  // namespace assay::platform::msg
