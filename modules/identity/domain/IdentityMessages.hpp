// IdentityMessages: identity's entries in the message catalogue (assay/Message.hpp): logging in,
// re-authentication, passwords, users and organizations. Listed by IdentityModule::messages.
#pragma once

#include <vector>

#include "assay/Message.hpp"

namespace assay::identity::msg {

inline constexpr MessageDef kLoginFailed{"auth.login_failed", "用户名或密码错误", "wrong username or password"};
inline constexpr MessageDef kTooManyLogins{"auth.too_many_logins", "登录失败次数过多，请 {seconds} 秒后再试",
                                           "too many failed logins; try again in {seconds} s"};
inline constexpr MessageDef kTooManyPasswords{"auth.too_many_passwords", "密码错误次数过多，请 {seconds} 秒后再试",
                                              "too many wrong passwords; try again in {seconds} s"};
inline constexpr MessageDef kTooManyAttempts{"auth.too_many_attempts", "尝试次数过多，请 {seconds} 秒后再试",
                                             "too many attempts; try again in {seconds} s"};
inline constexpr MessageDef kConfirmPassword{"auth.password_to_confirm", "必填：请输入您的密码以确认身份",
                                             "required: your password, to confirm it is you"};
inline constexpr MessageDef kWrongPassword{"auth.wrong_password", "密码错误", "wrong password"};
inline constexpr MessageDef kPasswordMismatch{"auth.password_mismatch", "与当前密码不符", "does not match"};
inline constexpr MessageDef kNoSessionForKey{"auth.api_key_no_session", "API 密钥没有可退出的会话", "API keys have no session to end"};
inline constexpr MessageDef kNoPasswordForKey{"auth.api_key_no_password", "API 密钥没有密码", "API keys have no password"};
inline constexpr MessageDef kOrgActiveReason{"organization.active_reason_required", "停用或启用机构时必填：原因",
                                             "required when the organization is made inactive or active again: why"};
inline constexpr MessageDef kOrgChanged{"organization.changed", "该机构信息已被他人修改，请刷新后重试", "the organization was changed by someone else"};
inline constexpr MessageDef kResetReasonRequired{"password.reset_reason_required", "必填：重置密码的原因（如：本人遗忘密码，已核实身份）",
                                                 "required: why the password is reset (e.g. the user forgot it; identity checked)"};
inline constexpr MessageDef kResetOwnPassword{"password.reset_own", "不能重置自己的密码：请在“修改密码”中修改",
                                              "your own password is changed with your current one, not reset"};
inline constexpr MessageDef kPasswordTooShort{"password.too_short", "至少 {min} 个字符", "must be at least {min} characters"};
inline constexpr MessageDef kPasswordTooLong{"password.too_long", "最多 {max} 个字符", "must be at most {max} characters"};
inline constexpr MessageDef kPasswordMix{"password.too_simple", "须包含以下至少两类：小写字母、大写字母、数字、其他字符",
                                         "must mix at least two of: lower case, upper case, digits, other characters"};
inline constexpr MessageDef kUsccTaken{"org.uscc_taken", "该统一社会信用代码的机构已登记", "an organization with this USCC is already registered"};
inline constexpr MessageDef kOrgCodeTaken{"org.code_taken", "该机构代码已被使用", "the organization code is already used"};
inline constexpr MessageDef kOrgKind{"org.kind_invalid", "应为实验室、客户或合作实验室",
                                     "must be lab, customer or partner"};
inline constexpr MessageDef kUsernameTaken{"user.username_taken", "该用户名已被使用", "the username is already taken"};
inline constexpr MessageDef kUserChanged{"user.changed", "该用户已被他人修改，请刷新后重试", "the user was changed by someone else; reload and retry"};
inline constexpr MessageDef kLastAdmin{"user.last_admin", "不能移除最后一位在用的管理员", "the last active admin cannot be removed"};
inline constexpr MessageDef kKeysForPartners{"apikey.partner_only", "API 密钥只发给合作实验室", "API keys are issued to partner labs only"};

inline constexpr MessageDef kReauthNeedsUser{"auth.reauth_needs_user", "重新验证身份需要用户账号，API 密钥不能使用",
                                             "re-authentication needs a user account, not an API key"};
inline constexpr MessageDef kUsernameShape{"user.username_invalid", "应为 3 至 64 个字符：小写字母、数字、“.”、“_”、“-”，或电子邮箱地址",
                                           "must be 3-64 characters: lower-case letters, digits, '.', '_' or '-', or an e-mail address"};
inline constexpr MessageDef kOrgCode{"org.code_invalid", "应为 2 至 8 个大写字母", "must be 2-8 upper-case letters"};
inline constexpr MessageDef kNoSuchOrg{"user.no_such_org", "没有该机构", "no such organization"};
inline constexpr MessageDef kRoleRequired{"user.role_required", "至少选择一个角色", "at least one role is required"};
inline constexpr MessageDef kUnknownRole{"user.role_unknown", "未知的角色“{role}”", "unknown role '{role}'"};
inline constexpr MessageDef kOrgRequired{"user.org_required", "必填：除系统管理员外，每个用户都须属于一个机构",
                                         "required: every user except an instance administrator belongs to an organization"};
inline constexpr MessageDef kChangeReason{"user.change_reason_required", "更改角色或启用状态时必填：原因", "required when roles or active change"};

inline std::vector<const MessageDef*> all() {
    return {&kLoginFailed,     &kTooManyLogins,   &kTooManyPasswords, &kTooManyAttempts,
            &kConfirmPassword, &kWrongPassword,     &kPasswordMismatch, &kNoSessionForKey, &kNoPasswordForKey,
            &kOrgActiveReason, &kOrgChanged, &kResetReasonRequired, &kResetOwnPassword,
            &kPasswordTooShort, &kPasswordTooLong,  &kPasswordMix,     &kUsccTaken,        &kOrgCodeTaken,
            &kOrgKind,         &kUsernameTaken,     &kUserChanged,     &kLastAdmin,        &kKeysForPartners,
            &kReauthNeedsUser, &kUsernameShape, &kOrgCode, &kNoSuchOrg, &kRoleRequired, &kUnknownRole, &kOrgRequired, &kChangeReason};
}

}  // namespace assay::identity::msg
