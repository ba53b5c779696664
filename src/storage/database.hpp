// Database: transactions over the stores. Services do all their reads and writes inside one.
#pragma once

#include "core/result.hpp"
#include "storage/audit_store.hpp"
#include "storage/revision_store.hpp"
#include "storage/session_store.hpp"
#include "storage/stores.hpp"
#include "storage/target_store.hpp"

#include <functional>
#include <optional>
#include <string>
#include <type_traits>

namespace cong::storage {

// The stores as seen from inside one transaction.
class Tx {
public:
    virtual ~Tx() = default;
    virtual SiteStore& sites() = 0;
    virtual CategoryStore& categories() = 0;
    virtual ArticleStore& articles() = 0;
    virtual MediaStore& media() = 0;
    virtual UserStore& users() = 0;
    virtual TokenStore& tokens() = 0;
    virtual SearchStore& search() = 0;
    virtual TargetStore& targets() = 0;
    virtual AuditStore& audit() = 0;
    virtual RevisionStore& revisions() = 0;
    virtual EditorialStore& editorial() = 0;
    virtual SessionStore& sessions() = 0;
};

class Database {
public:
    virtual ~Database() = default;

    // Runs body in a read-only transaction: it sees one consistent snapshot.
    template <class Body>
    auto read(Body&& body) -> std::invoke_result_t<Body, Tx&> {
        return run(false, std::forward<Body>(body));
    }
    // Runs body in a write transaction: it commits when body returns a value and rolls back
    // when it returns an error or throws. Writers are serialised.
    template <class Body>
    auto write(Body&& body) -> std::invoke_result_t<Body, Tx&> {
        return run(true, std::forward<Body>(body));
    }

    // Copies the whole database, consistently, to a new file while the server keeps running.
    virtual Result<void> backup_to(const std::string& path) = 0;
    // The number of the last migration applied.
    virtual Result<int> schema_version() = 0;

protected:
    virtual Result<void> transact(bool write, const std::function<Result<void>(Tx&)>& body) = 0;

private:
    template <class Body>
    auto run(bool write, Body&& body) -> std::invoke_result_t<Body, Tx&> {
        using R = std::invoke_result_t<Body, Tx&>;
        std::optional<R> out;
        auto status = transact(write, [&](Tx& tx) -> Result<void> {
            out.emplace(body(tx));
            if (!*out) return out->error();
            return {};
        });
        if (!status) return R(status.error());
        return std::move(*out);
    }
};

}  // namespace cong::storage
