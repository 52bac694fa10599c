// DemoOrganizations: the demo's organizations and users, through IdentityService's use cases.
#include "demo/DemoOrganizations.hpp"

#include <map>
#include <optional>

#include "assay/Error.hpp"
#include "assay/Uscc.hpp"

namespace assay::identity {

void seedDemoOrganizations(Db& db, IdentityService& identity, const std::string& demoPassword, const std::string& labName,
                           const std::string& labUscc17) {
    if (labUscc17.size() != 17 || !usccCheckCharacter(labUscc17))
        throw Error::invalidField("demo.lab_uscc17", "must be the first 17 characters of a unified social credit code");
    struct DemoOrg { std::string kind, name, first17; std::optional<std::string> code, address, cma, cnas; };
    const DemoOrg orgs[] = {
        {"lab", labName, labUscc17, std::string("GDQT"),
         std::string("广州市天河区示例路 1 号"), std::string("202619000123"), std::string("CNAS L1234")},
        {"customer", "广州市示例食品有限公司 (demo)", "91440101MA5CXY812", std::nullopt,
         std::string("广州市白云区示例街 8 号"), std::nullopt, std::nullopt},
        {"customer", "佛山市示例粮油有限公司 (demo SME)", "91440604MA4WABC34", std::nullopt,
         std::string("佛山市南海区示例大道 18 号"), std::nullopt, std::nullopt},
        {"partner", "深圳市示例检测技术有限公司 (demo partner)", "91440300MA5FDEF56", std::string("SZJC"),
         std::string("深圳市南山区示例路 6 号"), std::string("202119000456"), std::string("CNAS L5678")},
    };
    Principal sys;  // the system, acting as the instance's administrator
    sys.username = "system";
    sys.roles = {"admin"};
    std::map<std::string, std::int64_t> orgIds;
    for (const auto& d : orgs) {
        const std::string uscc = d.first17 + *usccCheckCharacter(d.first17);
        std::optional<std::int64_t> existing;
        for (const auto& o : identity.organizations(sys, 0, 100000, std::nullopt))
            if (o.uscc == uscc) existing = o.id;
        if (!existing) existing = identity.createOrganization(sys, {d.kind, d.name, uscc, d.code, d.address, d.cma, d.cnas}, "demo").id;
        orgIds[d.first17] = *existing;
    }
    const std::int64_t lab = orgIds[labUscc17];
    const std::int64_t sme = orgIds["91440604MA4WABC34"];
    const std::int64_t partner = orgIds["91440300MA5FDEF56"];
    const NewUser people[] = {
        {"tech.li", "李明 (技术员)", demoPassword, {"technician"}, lab},
        {"tech.wang", "王芳 (技术员)", demoPassword, {"technician"}, lab},
        {"reviewer.chen", "陈静 (审核员)", demoPassword, {"reviewer"}, lab},
        {"signatory.zhao", "赵强 (授权签字人)", demoPassword, {"signatory"}, lab},
        {"manager.liu", "刘洋 (技术负责人)", demoPassword, {"manager"}, lab},
        {"sme.he", "何丽 (委托方)", demoPassword, {"customer"}, sme},
        {"partner.sun", "孙涛 (合作实验室)", demoPassword, {"partner"}, partner},
        {"platform.op", "王敏 (平台运营)", demoPassword, {"platform_operator"}, std::nullopt},
    };
    for (const auto& u : people) {
        const bool exists = db.read([&](Tx& tx) { return identity.userByUsername(tx, u.username).has_value(); });
        if (!exists) identity.createUserBySystem(u, "demo", "demo data");
    }
}

}  // namespace assay::identity
