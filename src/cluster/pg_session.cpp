#include "cluster/pg_session.hpp"

#include <libpq-fe.h>

namespace cong::cluster {

std::string session_url(const std::string& url, std::string_view application_name) {
    std::string out = url;
    auto add = [&](std::string_view key, std::string_view value) {
        auto query = out.find('?');
        std::string_view existing = query == std::string::npos ? std::string_view() : std::string_view(out).substr(query);
        // "?key=" or "&key=": the url sets it already.
        if (existing.find("?" + std::string(key) + "=") != std::string_view::npos ||
            existing.find("&" + std::string(key) + "=") != std::string_view::npos)
            return;
        out += query == std::string::npos ? '?' : '&';
        out += key;
        out += '=';
        out += value;
    };
    add("connect_timeout", std::to_string(SESSION_CONNECT_TIMEOUT_SECONDS));
    // A server that vanished without closing the socket (a cut cable, a dropped route) fails a query within
    // seconds instead of the system's TCP retry time of many minutes: the listener reconnects, the job lock
    // lets go, and a stopping node does not hang in a health check.
    add("keepalives_idle", "5");
    add("keepalives_interval", "2");
    add("keepalives_count", "3");
    add("tcp_user_timeout", std::to_string(SESSION_TCP_USER_TIMEOUT_MS));
    add("application_name", application_name);
    return out;
}

core::Result<std::unique_ptr<storage::postgres::PgConnection>> open_session(const std::string& url,
                                                                            std::string_view application_name) {
    return storage::postgres::PgConnection::open(session_url(url, application_name));
}

int backend_pid(const storage::postgres::PgConnection& connection) {
    return connection.handle() != nullptr ? PQbackendPID(connection.handle()) : 0;
}

}  // namespace cong::cluster
