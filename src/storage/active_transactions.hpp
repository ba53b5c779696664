// ActiveTransactions: the transactions a thread has open, per database, so a service that calls another
// service inside its transaction gets the same Tx back instead of waiting for a connection its own thread
// holds. One list per engine's Tx type; each Database implementation keeps its scopes with it.
#pragma once

#include "storage/database.hpp"

#include <vector>

namespace cong::storage {

template <class EngineTx>
class ActiveTransactions {
public:
    struct Entry {
        const Database* database;
        EngineTx* tx;
        bool write;
    };

    // Marks tx as open on this thread for the scope's lifetime.
    class Scope {
    public:
        Scope(const Database* database, EngineTx* tx, bool write) { entries_.push_back({database, tx, write}); }
        ~Scope() { entries_.pop_back(); }
        Scope(const Scope&) = delete;
        Scope& operator=(const Scope&) = delete;
    };

    // The innermost transaction of database open on this thread, or null.
    static const Entry* find(const Database* database) {
        for (auto it = entries_.rbegin(); it != entries_.rend(); ++it)
            if (it->database == database) return &*it;
        return nullptr;
    }

private:
    static thread_local inline std::vector<Entry> entries_;
};

}  // namespace cong::storage
