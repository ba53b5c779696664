#include "cli/cli.hpp"

int main(int argc, char** argv) { return cong::cli::run(argc, argv); }
