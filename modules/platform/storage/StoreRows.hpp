// StoreRows: the platform stores' small binding helpers (PlatformStore, PortalStore,
// InstrumentStore): an optional number bound with its NULL indicator, and a rowset mapped to
// records. Thread-safety: pure.
#pragma once

#include <optional>
#include <vector>

#include <soci/soci.h>

namespace assay::platform::store {

struct OptInt {
    long long value = 0;
    soci::indicator ind = soci::i_null;
    template <class T>
    explicit OptInt(const std::optional<T>& v) : value(v ? static_cast<long long>(*v) : 0), ind(v ? soci::i_ok : soci::i_null) {}
};

template <class T, class F>
std::vector<T> collect(soci::rowset<soci::row>& rs, F f) {
    std::vector<T> out;
    for (const auto& r : rs) out.push_back(f(r));
    return out;
}

}  // namespace assay::platform::store
