#include "cli/cli.hpp"

#include "auth/token_service.hpp"
#include "auth/user_service.hpp"
#include "cli/data_lock.hpp"
#include "cli/demo_loader.hpp"
#include "cli/migrate_db.hpp"
#include "cli/serve.hpp"
#include "content/article_service.hpp"
#include "content/site_service.hpp"
#include "core/config.hpp"
#include "core/log.hpp"
#include "media/media_service.hpp"
#include "search/search_service.hpp"
#include "storage/open_database.hpp"
#include "storage/sqlite/sqlite_database.hpp"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <filesystem>
#include <optional>
#include <iostream>
#include <string>

namespace cong::cli {
namespace {

namespace fs = std::filesystem;
constexpr std::size_t MAX_PASSWORD_STDIN_BYTES = 4096;

int fail(const core::Error& error) {
    std::cerr << "cong: " << error.detail << "\n";
    return error.code == core::Errc::InvalidInput || error.code == core::Errc::Conflict ||
                   error.code == core::Errc::NotFound
               ? 2
               : 1;
}

core::Result<std::unique_ptr<storage::Database>> open_existing(const core::Config& config) {
    return storage::open_database(config.storage, false);
}

// Where photos are kept: --media, or <data>/media beside the SQLite database. A PostgreSQL installation has no
// data directory: its nodes must be given the media directory they share.
core::Result<std::string> media_directory(const core::Config& config, const std::string& media_option) {
    if (!media_option.empty()) return media_option;
    if (storage::names_postgres(config.storage.data_dir))
        return core::Error{core::Errc::InvalidInput,
                           "with a PostgreSQL database give the media directory every node shares: --media DIR",
                           "media"};
    return config.storage.data_dir + "/media";
}

int init_postgres_command(const core::Config& config, bool demo) {
    // The demo's photos would go to a data directory there is none of: load the demo into a directory and
    // move it with `cong migrate-db`.
    if (demo)
        return fail({core::Errc::InvalidInput, "init --demo makes a SQLite installation: run it with --data DIR, "
                                               "then `cong migrate-db --from DIR --to postgresql://…`"});
    auto db = storage::open_database(config.storage, true);
    if (!db) return fail(db.error());
    auto site = content::ensure_default_site(**db);
    if (!site) return fail(site.error());
    std::cerr << "PostgreSQL database ready.\n";
    return 0;
}

int init_command(const core::Config& config, bool demo) {
    if (storage::names_postgres(config.storage.data_dir)) return init_postgres_command(config, demo);
    std::error_code ec;
    fs::create_directories(config.storage.data_dir, ec);
    auto lock = DataLock::acquire(config.storage.data_dir);
    if (!lock) return fail(lock.error());
    auto db = storage::open_sqlite(config.storage, true);
    if (!db) return fail(db.error());
    auto site = content::ensure_default_site(**db);
    if (!site) return fail(site.error());
    if (demo) {
        auto loaded = load_demo_content(**db, config, *site);
        if (!loaded) return fail(loaded.error());
        std::cerr << "Demo content: " << loaded->categories << " categories, " << loaded->articles << " articles, "
                  << loaded->photos << " photos.\n"
                  << "Account: login " << loaded->admin_login << ", password " << loaded->admin_password
                  << " (shown once; API token: cong token create --login " << loaded->admin_login << ")\n"
                  << "Account: login " << loaded->approver_login << ", password " << loaded->approver_password
                  << " (approver: reviews and publishes)\n"
                  << "Account: login " << loaded->editor_login << ", password " << loaded->editor_password
                  << " (editor: writes and submits)\n";
    }
    std::cerr << "Database ready in " << storage::sqlite_path(config.storage.data_dir) << "\n";
    return 0;
}

int user_add_command(const core::Config& config, const std::string& login, const std::string& role_name,
                     const std::string& display_name, bool password_stdin) {
    auto role = model::parse_role(role_name);
    if (!role) return fail({core::Errc::InvalidInput, "role must be admin, approver or editor"});
    if (!password_stdin) return fail({core::Errc::InvalidInput, "give the password on standard input with --password-stdin"});
    std::string password;
    std::getline(std::cin, password);
    if (password.size() > MAX_PASSWORD_STDIN_BYTES) return fail({core::Errc::InvalidInput, "password too long"});
    if (!password.empty() && password.back() == '\r') password.pop_back();
    auto db = open_existing(config);
    if (!db) return fail(db.error());
    auth::UserService users{**db};
    auto user = users.add_user(login, *role, password, display_name.empty() ? login : display_name);
    if (!user) return fail(user.error());
    std::cerr << "User " << user->login << " (" << model::to_string(user->role) << ") added.\n";
    return 0;
}

int token_create_command(const core::Config& config, const std::string& login, const std::string& label) {
    auto db = open_existing(config);
    if (!db) return fail(db.error());
    auth::TokenService tokens{**db};
    auto token = tokens.create_token(login, label);
    if (!token) return fail(token.error());
    // The token alone on standard output, so scripts can capture it.
    std::cout << *token << "\n";
    return 0;
}

// The site's name, banner slogan, public host and footer details, until the back office edits them.
struct SiteOptions {
    std::optional<std::string> name, slogan, host, owner, address, phone, email, responsible, licence;
};

int site_set_command(const core::Config& config, const SiteOptions& options) {
    auto db = open_existing(config);
    if (!db) return fail(db.error());
    auto site_id = content::default_site_id(**db);
    if (!site_id) return fail(site_id.error());
    auto site = content::find_site(**db, *site_id);
    if (!site) return fail(site.error());
    for (auto [value, field] : {std::pair{&options.name, &site->name}, {&options.slogan, &site->slogan},
                                {&options.host, &site->host}, {&options.owner, &site->owner},
                                {&options.address, &site->address}, {&options.phone, &site->phone},
                                {&options.email, &site->email}, {&options.responsible, &site->responsible_person},
                                {&options.licence, &site->licence}}) {
        if (*value) *field = **value;
    }
    if (auto updated = content::update_site(**db, *site); !updated) return fail(updated.error());
    std::cerr << "Site updated: " << site->name << (site->host.empty() ? "" : " (" + site->host + ")") << "\n";
    return 0;
}

int search_reindex_command(const core::Config& config) {
    auto db = open_existing(config);
    if (!db) return fail(db.error());
    auto site_id = content::default_site_id(**db);
    if (!site_id) return fail(site_id.error());
    content::ArticleService articles{**db, *site_id};
    auto indexed = articles.reindex_search();
    if (!indexed) return fail(indexed.error());
    std::cerr << "Search index rebuilt: " << *indexed << " articles.\n";
    return 0;
}

// The abbreviation list of search (NTM → nông thôn mới): list prints "ABBR<TAB>full form" lines on standard
// output; set and remove change it, audit-logged as the command line. A running server sees the change on
// its next query.
int search_synonyms_command(const core::Config& config, const std::string& action, const std::string& abbreviation,
                            const std::string& expansion) {
    auto db = open_existing(config);
    if (!db) return fail(db.error());
    auto site_id = content::default_site_id(**db);
    if (!site_id) return fail(site_id.error());
    search::SearchService service{**db, *site_id};
    auto actor = audit::Actor::system("cli");
    if (action == "list") {
        auto list = service.list_synonyms();
        if (!list) return fail(list.error());
        for (const auto& synonym : *list) std::cout << synonym.abbreviation << "\t" << synonym.expansion << "\n";
        return 0;
    }
    if (action == "set") {
        auto stored = service.set_synonym({abbreviation, expansion}, actor);
        if (!stored) return fail(stored.error());
        std::cerr << "Synonym set: " << stored->abbreviation << " → " << stored->expansion << "\n";
        return 0;
    }
    auto removed = service.remove_synonym(abbreviation, actor);
    if (!removed) return fail(removed.error());
    std::cerr << "Synonym removed: " << abbreviation << "\n";
    return 0;
}

// Derives the served variants of photos uploaded before the pipeline (or by an older ladder). The server may
// run meanwhile: files appear atomically and each photo is updated in its own transaction.
int media_rebuild_command(const core::Config& config, const std::string& media_option) {
    auto media_dir = media_directory(config, media_option);
    if (!media_dir) return fail(media_dir.error());
    auto db = open_existing(config);
    if (!db) return fail(db.error());
    media::MediaService media{**db, *media_dir, config.media};
    auto rebuilt = media.rebuild_variants([](int done, std::int64_t id) {
        std::cerr << "\r" << done << " photos (last: " << id << ")" << std::flush;
    });
    if (!rebuilt) return fail(rebuilt.error());
    std::cerr << "\rVariants derived for " << rebuilt->rebuilt << " photos; " << rebuilt->failed << " failed.\n";
    return rebuilt->failed == 0 ? 0 : 1;
}

int backup_command(const core::Config& config, const std::string& file) {
    auto db = open_existing(config);
    if (!db) return fail(db.error());
    auto done = (*db)->backup_to(file);
    if (!done) return fail(done.error());
    std::cerr << "Backup written to " << file << "\n";
    return 0;
}

int restore_command(const core::Config& config, const std::string& file) {
    if (storage::names_postgres(config.storage.data_dir))
        return fail({core::Errc::InvalidInput, "restore replaces a SQLite database; restore PostgreSQL with pg_restore "
                                               "or point-in-time recovery (docs/scale-out.md)"});
    auto checked = storage::check_cong_database(file);
    if (!checked) return fail(checked.error());
    std::error_code ec;
    fs::create_directories(config.storage.data_dir, ec);
    auto lock = DataLock::acquire(config.storage.data_dir);
    if (!lock) return fail(lock.error());
    std::string target = storage::sqlite_path(config.storage.data_dir);
    std::string staging = target + ".restoring";
    fs::copy_file(file, staging, fs::copy_options::overwrite_existing, ec);
    if (ec) return fail({core::Errc::Internal, "cannot copy " + file + ": " + ec.message()});
    // The old WAL belongs to the old database: applied to the restored file it would corrupt it.
    fs::remove(target + "-wal", ec);
    fs::remove(target + "-shm", ec);
    fs::rename(staging, target, ec);
    if (ec) return fail({core::Errc::Internal, "cannot replace " + target + ": " + ec.message()});
    // Opening applies migrations a backup from an older version may lack.
    auto db = open_existing(config);
    if (!db) return fail(db.error());
    std::cerr << "Restored " << file << " into " << target << "\n";
    return 0;
}

// Copies a SQLite installation into an empty PostgreSQL database. The source's lock is held throughout, so
// no server writes to it meanwhile.
int migrate_db_command(const core::Config& config, const std::string& from, const std::string& to) {
    if (storage::names_postgres(from) || !fs::exists(storage::sqlite_path(from)))
        return fail({core::Errc::InvalidInput, "--from must be a data directory with a SQLite database", "from"});
    auto lock = DataLock::acquire(from);
    if (!lock) return fail(lock.error());
    auto report = migrate_database(config, from, to, &std::cerr);
    if (!report) return fail(report.error());
    std::cout << format_report(*report);
    if (!report->counts_match()) return fail({core::Errc::Internal, "row counts differ: see the table above"});
    std::cerr << "Copied. Photos stay in " << from << "/media: give that directory to every node with --media.\n";
    return 0;
}

}  // namespace

int run(int argc, char** argv) {
    CLI::App app{"Cổng: the electronic information portal for Vietnamese local government", "cong"};
    app.require_subcommand(1);
    std::string config_file, data_dir;
    app.add_option("--config", config_file, "TOML configuration file")->check(CLI::ExistingFile);
    app.add_option("--data", data_dir, "data directory: the SQLite database and media files (default ./data)");

    bool demo = false;
    auto* init = app.add_subcommand("init", "create the database (and demo content with --demo)")->fallthrough();
    init->add_flag("--demo", demo, "load a demo district portal with articles and photos");

    std::string listen, media_dir;
    auto* serve = app.add_subcommand("serve", "serve the portal over HTTP")->fallthrough();
    serve->add_option("--listen", listen, "HOST:PORT to listen on (default 127.0.0.1:8080)");

    auto* user = app.add_subcommand("user", "manage back-office accounts")->fallthrough()->require_subcommand(1);
    std::string login, role, display_name;
    bool password_stdin = false;
    auto* user_add = user->add_subcommand("add", "add an account")->fallthrough();
    user_add->add_option("--login", login, "login name")->required();
    user_add->add_option("--role", role, "admin, approver or editor")->required();
    user_add->add_option("--name", display_name, "name shown in the back office");
    user_add->add_flag("--password-stdin", password_stdin, "read the password from standard input")->required();

    auto* token = app.add_subcommand("token", "manage API tokens")->fallthrough()->require_subcommand(1);
    std::string token_login, label;
    auto* token_create = token->add_subcommand("create", "create an API token; prints it alone on standard output")
                             ->fallthrough();
    token_create->add_option("--login", token_login, "the account the token acts for")->required();
    token_create->add_option("--label", label, "what the token is for");

    SiteOptions site_options;
    auto* site = app.add_subcommand("site", "the portal's name, slogan, host and footer")->fallthrough()->require_subcommand(1);
    auto* site_set = site->add_subcommand("set", "change the portal's details (only the options given)")->fallthrough();
    site_set->add_option("--name", site_options.name, "site name shown in the banner");
    site_set->add_option("--slogan", site_options.slogan, "banner slogan");
    site_set->add_option("--host", site_options.host, "public host name, used in feeds and the sitemap");
    site_set->add_option("--owner", site_options.owner, "agency that owns the portal");
    site_set->add_option("--address", site_options.address, "postal address");
    site_set->add_option("--phone", site_options.phone, "telephone");
    site_set->add_option("--email", site_options.email, "contact e-mail");
    site_set->add_option("--responsible", site_options.responsible, "official responsible for the content");
    site_set->add_option("--licence", site_options.licence, "operating licence line");

    auto* search = app.add_subcommand("search", "the full-text search index")->fallthrough()->require_subcommand(1);
    auto* search_reindex =
        search->add_subcommand("reindex", "rebuild the search index of every article (server may run)")->fallthrough();
    auto* synonyms = search->add_subcommand("synonyms", "abbreviations and their full forms, matched both ways")
                         ->fallthrough()
                         ->require_subcommand(1);
    std::string abbreviation, expansion;
    auto* synonyms_list = synonyms->add_subcommand("list", "print ABBR<TAB>full form, one a line")->fallthrough();
    auto* synonyms_set = synonyms->add_subcommand("set", "add an abbreviation or replace its full form")->fallthrough();
    synonyms_set->add_option("ABBR", abbreviation, "the abbreviation, one word: HĐND")->required();
    synonyms_set->add_option("FULL", expansion, "what it stands for: \"hội đồng nhân dân\"")->required();
    auto* synonyms_remove = synonyms->add_subcommand("remove", "remove an abbreviation")->fallthrough();
    synonyms_remove->add_option("ABBR", abbreviation, "the abbreviation")->required();

    auto* media_command = app.add_subcommand("media", "the photo library")->fallthrough()->require_subcommand(1);
    auto* media_rebuild = media_command->add_subcommand(
        "rebuild", "derive the served sizes of photos uploaded before them (server may run)")->fallthrough();

    std::string from, to;
    auto* migrate_db = app.add_subcommand("migrate-db", "copy a SQLite installation into an empty PostgreSQL database")
                           ->fallthrough();
    migrate_db->add_option("--from", from, "data directory of the SQLite installation")->required();
    migrate_db->add_option("--to", to, "postgresql://user@host:port/dbname of an empty database")->required();

    std::string file;
    auto* backup = app.add_subcommand("backup", "copy the database to FILE, also while the server runs")->fallthrough();
    backup->add_option("FILE", file, "file to write (must not exist)")->required();
    auto* restore = app.add_subcommand("restore", "replace the database with a backup (server stopped)")->fallthrough();
    restore->add_option("FILE", file, "a backup made by `cong backup`")->required()->check(CLI::ExistingFile);

    // Every command answers --data and --config itself, so its --help shows them.
    for (auto* command : {init, serve, user_add, token_create, site_set, search_reindex, synonyms_list, synonyms_set,
                          synonyms_remove, media_rebuild, backup, restore}) {
        command->add_option("--config", config_file, "TOML configuration file")->check(CLI::ExistingFile);
        command->add_option("--data", data_dir,
                            "data directory: the SQLite database and media files (default ./data), or a "
                            "postgresql:// URL");
    }
    for (auto* command : {serve, media_rebuild})
        command->add_option("--media", media_dir, "photo directory (default DATA/media; required with PostgreSQL)");

    CLI11_PARSE(app, argc, argv);

    core::Config config;
    if (auto loaded = core::load_config(config, config_file); !loaded) return fail(loaded.error());
    if (!data_dir.empty()) config.storage.data_dir = data_dir;
    if (!listen.empty()) config.http.listen = listen;
    core::log::set_level(config.log_level);

    try {
        if (*init) return init_command(config, demo);
        if (*serve) {
            auto media = media_directory(config, media_dir);
            if (!media) return fail(media.error());
            return serve_command(config, *media);
        }
        if (*user_add) return user_add_command(config, login, role, display_name, password_stdin);
        if (*token_create) return token_create_command(config, token_login, label);
        if (*site_set) return site_set_command(config, site_options);
        if (*search_reindex) return search_reindex_command(config);
        if (*synonyms_list) return search_synonyms_command(config, "list", "", "");
        if (*synonyms_set) return search_synonyms_command(config, "set", abbreviation, expansion);
        if (*synonyms_remove) return search_synonyms_command(config, "remove", abbreviation, "");
        if (*media_rebuild) return media_rebuild_command(config, media_dir);
        if (*migrate_db) return migrate_db_command(config, from, to);
        if (*backup) return backup_command(config, file);
        if (*restore) return restore_command(config, file);
    } catch (const std::exception& e) {
        core::log::error("command failed", {{"error", e.what()}});
        return 1;
    }
    return 0;
}

}  // namespace cong::cli
