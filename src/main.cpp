#include "cli/cli.hpp"

#include <malloc.h>

int main(int argc, char** argv) {
    // glibc gives each busy thread its own heap arena (up to 8 per core) and keeps freed memory in them:
    // with the I/O threads and the handler pool rendering pages, a third of the resident memory was freed
    // buffers held by idle arenas. Two arenas keep the server near its working set at the same CPU per page;
    // the server hands free pages back every few seconds (http/server.cpp).
    mallopt(M_ARENA_MAX, 2);
    return cong::cli::run(argc, argv);
}
