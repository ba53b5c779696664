// The command line: init, serve, user add, token create, backup, restore.
#pragma once

namespace cong::cli {

// Parses argv, runs one command and returns the process exit code.
int run(int argc, char** argv);

}  // namespace cong::cli
