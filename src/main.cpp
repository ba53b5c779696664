#include "cli/cli.hpp"

#include <malloc.h>

int main(int argc, char** argv) {
    // glibc gives each busy thread its own heap arena (up to 8 per core) and keeps freed memory in them:
    // with the I/O threads and the handler pool rendering pages, a third of the resident memory was freed
    // buffers held by idle arenas. Two arenas and returning free tops above 128 KiB keep the server near its
    // working set; renders measured the same CPU per page (BENCHMARKS.md, issue 9).
    mallopt(M_ARENA_MAX, 2);
    mallopt(M_TRIM_THRESHOLD, 128 * 1024);
    return cong::cli::run(argc, argv);
}
