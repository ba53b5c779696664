// The command line contract: init, user add, token create, backup and restore, --help.
#include "cong_process.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>

using cong::testing::CongProcess;
namespace fs = std::filesystem;

TEST(Cli, HelpIsAvailableForEveryCommand) {
    CongProcess cong;
    for (auto args : std::vector<std::vector<std::string>>{
             {"--help"}, {"init", "--help"}, {"serve", "--help"}, {"user", "add", "--help"},
             {"token", "create", "--help"}, {"site", "set", "--help"}, {"backup", "--help"}, {"restore", "--help"}}) {
        auto result = cong.run(args);
        EXPECT_EQ(result.exit_code, 0) << args[0];
        EXPECT_NE(result.out.find("--data"), std::string::npos) << args[0] << ": " << result.out;
    }
}

TEST(Cli, ServeWithoutInitSaysWhatToDo) {
    CongProcess cong;
    auto result = cong.run({"serve", "--listen", "127.0.0.1:0"});
    EXPECT_NE(result.exit_code, 0);
    EXPECT_NE(result.err.find("cong init"), std::string::npos) << result.err;
}

TEST(Cli, TokenCreatePrintsOnlyTheToken) {
    CongProcess cong;
    cong.init();
    EXPECT_TRUE(std::regex_match(cong.token(), std::regex("cong_[A-Za-z0-9_-]{20,}"))) << cong.token();
    auto unknown = cong.run({"token", "create", "--login", "khong-co-ai"});
    EXPECT_NE(unknown.exit_code, 0);
    EXPECT_TRUE(unknown.out.empty());
}

TEST(Cli, UserAddRefusesDuplicatesAndWeakPasswords) {
    CongProcess cong;
    cong.init();
    auto duplicate = cong.run({"user", "add", "--login", "tester", "--role", "editor", "--password-stdin"},
                              "mot-mat-khau-khac\n");
    EXPECT_NE(duplicate.exit_code, 0);
    auto weak = cong.run({"user", "add", "--login", "moi", "--role", "editor", "--password-stdin"}, "123\n");
    EXPECT_NE(weak.exit_code, 0);
    auto role = cong.run({"user", "add", "--login", "moi", "--role", "boss", "--password-stdin"}, "mot-mat-khau-dai\n");
    EXPECT_NE(role.exit_code, 0);
}

TEST(Cli, BackupWhileServingThenRestoreBringsContentBack) {
    CongProcess cong;
    cong.init();
    cong.start();
    ASSERT_EQ(cong.api("POST", "/api/v1/categories", R"({"name": "Văn bản"})").status, 201);
    auto kept = cong.api("POST", "/api/v1/articles",
                         R"({"title":"Bài viết có trong bản sao lưu","category":"van-ban","status":"published"})");
    ASSERT_EQ(kept.status, 201) << kept.body;

    std::string backup = cong.data_dir() + "/../backup.db";
    auto made = cong.run({"backup", backup});
    ASSERT_EQ(made.exit_code, 0) << made.err;
    EXPECT_NE(cong.run({"backup", backup}).exit_code, 0) << "an existing file is never overwritten";

    auto later = cong.api("POST", "/api/v1/articles",
                          R"({"title":"Bài viết sau khi sao lưu","category":"van-ban","status":"published"})");
    ASSERT_EQ(later.status, 201);

    auto while_running = cong.run({"restore", backup});
    EXPECT_NE(while_running.exit_code, 0) << "restore must refuse while the server runs";
    EXPECT_EQ(cong.request("GET", "/bai-viet/bai-viet-sau-khi-sao-luu").status, 200);

    EXPECT_EQ(cong.stop(), 0);
    auto restored = cong.run({"restore", backup});
    ASSERT_EQ(restored.exit_code, 0) << restored.err;
    cong.start();
    EXPECT_EQ(cong.request("GET", "/bai-viet/bai-viet-co-trong-ban-sao-luu").status, 200);
    EXPECT_EQ(cong.request("GET", "/bai-viet/bai-viet-sau-khi-sao-luu").status, 404);
}

TEST(Cli, RestoreRefusesFilesThatAreNotCongDatabases) {
    CongProcess cong;
    cong.init();
    std::string text = cong.data_dir() + "/../notes.txt";
    std::ofstream(text) << "không phải cơ sở dữ liệu";
    auto refused = cong.run({"restore", text});
    EXPECT_NE(refused.exit_code, 0);
    cong.start();
    EXPECT_EQ(cong.request("GET", "/healthz").status, 200) << "the database is untouched";
}

TEST(Cli, DemoContentLoadsOnceAndGivesALogin) {
    CongProcess cong;
    auto first = cong.run({"init", "--demo"});
    ASSERT_EQ(first.exit_code, 0) << first.err;
    EXPECT_NE(first.err.find("login admin, password "), std::string::npos) << first.err;
    auto second = cong.run({"init", "--demo"});
    EXPECT_NE(second.exit_code, 0);
    EXPECT_NE(second.err.find("already"), std::string::npos) << second.err;
}

TEST(Cli, SiteSetNamesThePortalAndItsHostForFeeds) {
    CongProcess cong;
    cong.init();
    auto set = cong.run({"site", "set", "--name", "Cổng thông tin điện tử xã Xuân Hòa", "--host", "XuanHoa.ThanhHoa.gov.vn",
                         "--responsible", "Chủ tịch UBND xã"});
    ASSERT_EQ(set.exit_code, 0) << set.err;
    EXPECT_NE(cong.run({"site", "set", "--host", "evil.example/<script>"}).exit_code, 0);
    cong.start();
    auto home = cong.request("GET", "/");
    EXPECT_NE(home.body.find("Cổng thông tin điện tử xã Xuân Hòa"), std::string::npos);
    EXPECT_NE(home.body.find("Chịu trách nhiệm chính: Chủ tịch UBND xã"), std::string::npos);
    // Absolute links come from the configured host, whatever Host the client claims.
    auto robots = cong.request("GET", "/robots.txt", {{"Host", "attacker.example"}});
    EXPECT_NE(robots.body.find("Sitemap: https://xuanhoa.thanhhoa.gov.vn/sitemap.xml"), std::string::npos) << robots.body;
}
