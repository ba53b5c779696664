// Media benchmark: the time to derive every served variant (320/640/1024/1600 in JPEG and WebP, plus the
// full-size JPEG) of a 12-megapixel camera photo, and of a demo-sized photo, through derive_variants — the
// same code an upload runs. Prints the median and the fastest of several runs, and the bytes written.
//
//   cmake -DCONG_BENCH=ON … && ninja cong_media_bench
//   ./src/media/cong_media_bench [RUNS=5]
#include "media/image_generator.hpp"
#include "media/image_pipeline.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using namespace cong;
using Clock = std::chrono::steady_clock;

namespace {

void bench(const char* label, int width, int height, int runs) {
    auto photo = media::generate_demo_jpeg(width, height, 2024, "Thọ Xuân");
    if (!photo) {
        std::fprintf(stderr, "cannot make the photo: %s\n", photo.error().detail.c_str());
        std::exit(1);
    }
    std::vector<double> seconds;
    std::size_t variants = 0, bytes = 0;
    for (int i = 0; i < runs; ++i) {
        auto start = Clock::now();
        auto derived = media::derive_variants(*photo, 100'000'000);
        seconds.push_back(std::chrono::duration<double>(Clock::now() - start).count());
        if (!derived) {
            std::fprintf(stderr, "derive failed: %s\n", derived.error().detail.c_str());
            std::exit(1);
        }
        variants = derived->variants.size();
        bytes = 0;
        for (const auto& v : derived->variants) bytes += v.bytes.size();
    }
    std::sort(seconds.begin(), seconds.end());
    std::printf("%-26s %5dx%-5d upload %7.1f KiB -> %zu variants %8.1f KiB   median %7.1f ms   best %7.1f ms\n", label,
                width, height, double(photo->size()) / 1024, variants, double(bytes) / 1024,
                seconds[seconds.size() / 2] * 1000, seconds.front() * 1000);
}

}  // namespace

int main(int argc, char** argv) {
    int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 5;
    bench("12 MP camera photo", 4000, 3000, runs);
    bench("demo photo", 960, 640, runs);
    return 0;
}
