// Session connections of the cluster machinery (LISTEN, advisory locks): long-lived, one per purpose, named
// in pg_stat_activity, and quick to give up on a server that does not answer.
#pragma once

#include "core/result.hpp"
#include "storage/postgres/pg_connection.hpp"

#include <memory>
#include <string>
#include <string_view>

namespace cong::cluster {

// Seconds a connection attempt may take before it counts as failed (libpq waits forever by default).
constexpr int SESSION_CONNECT_TIMEOUT_SECONDS = 5;
// Milliseconds sent data may stay unacknowledged before the connection counts as broken.
constexpr int SESSION_TCP_USER_TIMEOUT_MS = 10000;

// url with connect_timeout, TCP keepalives, tcp_user_timeout and application_name added, each unless the url
// already sets it.
std::string session_url(const std::string& url, std::string_view application_name);

core::Result<std::unique_ptr<storage::postgres::PgConnection>> open_session(const std::string& url,
                                                                            std::string_view application_name);

// The server process id of a connection, as pg_stat_activity.pid shows it.
int backend_pid(const storage::postgres::PgConnection& connection);

}  // namespace cong::cluster
