// AuditVocabulary: the codes the built-in modules record, with their Chinese names.
#include "assay/AuditVocabulary.hpp"

#include <algorithm>

namespace assay {

namespace {
std::vector<AuditTerm> sorted(std::vector<AuditTerm> terms) {
    std::sort(terms.begin(), terms.end(), [](const AuditTerm& a, const AuditTerm& b) { return a.code < b.code; });
    return terms;
}

std::optional<std::string> nameIn(const std::vector<AuditTerm>& terms, std::string_view code) {
    auto it = std::lower_bound(terms.begin(), terms.end(), code, [](const AuditTerm& t, std::string_view c) { return t.code < c; });
    if (it == terms.end() || it->code != code) return std::nullopt;
    return std::string(it->zh);
}
}  // namespace

const std::vector<AuditTerm>& auditEntityTypes() {
    static const std::vector<AuditTerm> terms = sorted({
        {"api_key", "API 密钥"},
        {"batch", "检测批次"},
        {"booking", "平台预约"},
        {"capture_run", "仪器采集记录"},
        {"equipment", "仪器设备"},
        {"formula", "计算公式"},
        {"instrument", "仪器连接"},
        {"instrument_booking", "仪器预约"},
        {"method", "检测方法"},
        {"nonconformity", "不符合工作"},
        {"order", "委托单"},
        {"organization", "机构"},
        {"parameter", "检测参数"},
        {"platform_lab", "平台入驻机构"},
        {"platform_link", "平台连接"},
        {"portal_account", "平台企业账户"},
        {"price", "收费标准"},
        {"pt_round", "能力验证"},
        {"qualification", "资质证书"},
        {"reference_material", "标准物质"},
        {"report", "检测报告"},
        {"result", "检测结果"},
        {"retention_period", "留样期限"},
        {"sample", "样品"},
        {"scope_change", "能力范围变更"},
        {"scope_row", "能力附表条目"},
        {"shared_instrument", "共享仪器"},
        {"signing_key", "签名密钥"},
        {"specification", "判定依据"},
        {"staff", "人员"},
        {"staged_result", "暂存读数"},
        {"standard", "标准"},
        {"test_item", "检测任务"},
        {"user", "用户"},
    });
    return terms;
}

const std::vector<AuditTerm>& auditActions() {
    static const std::vector<AuditTerm> terms = sorted({
        {"accept", "接受"},
        {"no_show", "爽约"},
        {"start", "开始使用"},
        {"service_record", "服务记录"},
        {"lift", "恢复预约资格"},
        {"verify_email", "验证邮箱"},
        {"invite", "邀请成员"},
        {"join", "加入账户"},
        {"reset_password", "重置密码"},
        {"book", "提交预约"},
        {"answer_offer", "答复报价"},
        {"cancel", "取消"},
        {"answer", "答复询问"},
        {"message", "留言"},
        {"consent", "公开同意"},
        {"decline", "谢绝预约"},
        {"offer", "报价"},
        {"ask", "征询客户"},
        {"create_key", "生成实例密钥"},
        {"enrolment_decided", "入驻审核结果"},
        {"publish", "发布能力目录"},
        {"refuse", "拒绝"},
        {"request_enrolment", "申请入驻"},
        {"resend", "重发"},
        {"rotate_key", "轮换实例密钥"},
        {"add item", "添加项目"},
        {"add_calibration", "登记检定/校准"},
        {"add_check", "登记期间核查"},
        {"add_record", "添加记录"},
        {"amend", "更改报告"},
        {"approve", "批准"},
        {"assign", "分派"},
        {"authorize", "授权"},
        {"blocked", "被规则阻止"},
        {"create", "创建"},
        {"discard", "作废草稿"},
        {"disclose", "公开结果"},
        {"dispatch", "分包发出"},
        {"dispose", "处置"},
        {"end", "终止"},
        {"end_authorization", "终止授权"},
        {"exclude item", "排除项目"},
        {"include item", "恢复项目"},
        {"invalidate", "作废"},
        {"lift_suspensions", "解除暂停"},
        {"listen", "开始监听"},
        {"login", "登录"},
        {"login_failed", "登录失败"},
        {"logout", "退出登录"},
        {"match", "匹配"},
        {"qc", "质控"},
        {"reauth_failed", "身份复核失败"},
        {"receive", "收样"},
        {"reinstated", "资质恢复"},
        {"reject", "拒绝"},
        {"renewed", "资质延续"},
        {"report", "上报结果"},
        {"retest", "复测"},
        {"review", "合同评审"},
        {"revise", "修订"},
        {"revoke", "撤销"},
        {"revoked", "资质撤销"},
        {"seal", "存证"},  // the evidence row's state after a change (assay/Evidence.hpp)
        {"sign", "签发"},
        {"stop_listening", "停止监听"},
        {"stop_watching", "停止监视文件夹"},
        {"subcontract", "分包"},
        {"subcontract accepted", "分包方接受"},
        {"supersede", "被替代"},
        {"suspend", "暂停"},
        {"suspended", "资质暂停"},
        {"transfer", "流转"},
        {"update", "修改"},
        {"watch", "开始监视文件夹"},
        {"withdraw", "撤回"},
    });
    return terms;
}

std::optional<std::string> auditEntityTypeName(std::string_view code) { return nameIn(auditEntityTypes(), code); }
std::optional<std::string> auditActionName(std::string_view code) { return nameIn(auditActions(), code); }

}  // namespace assay
