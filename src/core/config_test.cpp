#include "core/config.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

using namespace cong::core;

TEST(Config, TomlFileThenEnvironmentOverrideDefaults) {
    auto path = std::filesystem::temp_directory_path() / "cong_config_test.toml";
    std::ofstream(path) << "data = \"/srv/cong\"\n[http]\nlisten = \"127.0.0.1:9000\"\nmax_body_bytes = 2048\n";
    ::setenv("CONG_HTTP_LISTEN", "127.0.0.1:9100", 1);
    Config config;
    ASSERT_TRUE(load_config(config, path.string()));
    ::unsetenv("CONG_HTTP_LISTEN");
    std::filesystem::remove(path);
    EXPECT_EQ(config.storage.data_dir, "/srv/cong");
    EXPECT_EQ(config.http.max_body_bytes, 2048u);
    EXPECT_EQ(config.http.listen, "127.0.0.1:9100");
}

TEST(Config, BadValuesNameTheOption) {
    Config config;
    auto result = set_config_option(config, "http.read_timeout", "soon");
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().field, "http.read_timeout");
    EXPECT_FALSE(set_config_option(config, "no.such", "1"));
}

TEST(Config, EveryOptionHasAnEnvironmentVariableAndHelp) {
    for (const auto& option : config_options()) {
        EXPECT_EQ(option.env_var.rfind("CONG_", 0), 0u) << option.toml_key;
        EXPECT_FALSE(option.help.empty()) << option.toml_key;
    }
}
