// ServiceRegistry: the typed registry through which modules publish interfaces to each other.
//
// Purpose: a module never includes another module's domain headers. It publishes an abstract
// interface (e.g. ScopeCheck) during initialize(); dependants require<ScopeCheck>() in theirs.
// The host initializes modules in dependency order, so a declared dependency's services exist.
// Ownership: the registry shares ownership of every published service until shutdown.
// Thread-safety: publish() only during start-up; require()/find() are then read-only and safe.
#pragma once

#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <typeindex>

#include <boost/core/demangle.hpp>

namespace assay {

class ServiceRegistry {
public:
    // Errors: std::logic_error if T is already published.
    template <class T>
    void publish(std::shared_ptr<T> service) {
        auto [it, inserted] = services_.emplace(std::type_index(typeid(T)), std::move(service));
        if (!inserted) throw std::logic_error("service already published: " + name<T>());
    }
    template <class T>
    T* find() const {
        auto it = services_.find(std::type_index(typeid(T)));
        return it == services_.end() ? nullptr : static_cast<T*>(it->second.get());
    }
    // Errors: std::logic_error naming T when no module published it (a wiring bug).
    template <class T>
    T& require() const {
        if (T* t = find<T>()) return *t;
        throw std::logic_error("required service not published: " + name<T>());
    }
    void clear() { services_.clear(); }

private:
    template <class T>
    static std::string name() { return boost::core::demangle(typeid(T).name()); }
    std::map<std::type_index, std::shared_ptr<void>> services_;
};

}  // namespace assay
