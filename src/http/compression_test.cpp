#include "http/compression.hpp"

#include <brotli/decode.h>
#include <gtest/gtest.h>

#include "decompress.hpp"
#include <zlib.h>

#include <string>
#include <thread>
#include <vector>

using namespace cong::http;

namespace {

using cong::testing::gunzip;
using cong::testing::unbrotli;

std::string sample_page() {
    std::string page = "<!doctype html><html lang=\"vi\"><body>";
    for (int i = 0; i < 200; ++i) {
        page += "<p>03/38 chỉ tiêu hoàn thành và hoàn thành vượt kế hoạch; 08/38 chỉ tiêu đạt trên 25%KH.</p>";
    }
    return page + "</body></html>";
}

}  // namespace

TEST(Compression, GzipRoundTripsThroughZlibInflate) {
    auto page = sample_page();
    auto compressed = gzip(page);
    EXPECT_LT(compressed.size(), page.size() / 10);
    EXPECT_EQ(static_cast<unsigned char>(compressed[0]), 0x1f);  // gzip magic
    EXPECT_EQ(static_cast<unsigned char>(compressed[1]), 0x8b);
    EXPECT_EQ(gunzip(compressed), page);
    EXPECT_EQ(gunzip(gzip("")), "");
}

TEST(Compression, BrotliRoundTripsAndBeatsGzip) {
    auto page = sample_page();
    auto compressed = brotli(page, BROTLI_QUALITY_DYNAMIC);
    EXPECT_EQ(unbrotli(compressed), page);
    EXPECT_LE(compressed.size(), gzip(page).size());
    EXPECT_EQ(unbrotli(brotli(page, BROTLI_QUALITY_PRECOMPRESSED)), page);
}

TEST(Compression, ReusedWorkingMemoryGivesTheSameBytesForTheSamePage) {
    // Compressors reuse their working memory between pages on a thread: what a previous page left in it
    // must never change the output, on any thread.
    std::vector<std::string> pages{sample_page(), "ngắn", sample_page() + "<p>Thọ Xuân</p>", std::string(70'000, 'x')};
    std::vector<std::string> first_gzip, first_brotli;
    for (const auto& page : pages) {
        first_gzip.push_back(gzip(page, 9));
        first_brotli.push_back(brotli(page, BROTLI_QUALITY_DYNAMIC));
    }
    auto check = [&] {
        for (int round = 0; round < 5; ++round) {
            for (std::size_t i = pages.size(); i-- > 0;) {
                EXPECT_EQ(gzip(pages[i], 9), first_gzip[i]);
                EXPECT_EQ(brotli(pages[i], BROTLI_QUALITY_DYNAMIC), first_brotli[i]);
            }
        }
    };
    check();
    std::thread other(check);
    other.join();
    EXPECT_EQ(unbrotli(first_brotli[3]), pages[3]);
    EXPECT_EQ(gunzip(first_gzip[2]), pages[2]);
}

TEST(Compression, BrotliIsPreferredAtEqualWeight) {
    EXPECT_EQ(choose_encoding("gzip, deflate, br"), ContentEncoding::Brotli);
    EXPECT_EQ(choose_encoding("br;q=1.0, gzip;q=1.0"), ContentEncoding::Brotli);
}

TEST(Compression, HigherQualityValueWins) {
    EXPECT_EQ(choose_encoding("br;q=0.5, gzip;q=0.8"), ContentEncoding::Gzip);
    EXPECT_EQ(choose_encoding("gzip;q=0.2, br;q=0.9"), ContentEncoding::Brotli);
}

TEST(Compression, ZeroQualityRefusesACoding) {
    EXPECT_EQ(choose_encoding("br;q=0, gzip"), ContentEncoding::Gzip);
    EXPECT_EQ(choose_encoding("br;q=0.000, gzip;q=0"), ContentEncoding::Identity);
    EXPECT_EQ(choose_encoding("*;q=0"), ContentEncoding::Identity);
}

TEST(Compression, WildcardAndAliasesAndCaseAreUnderstood) {
    EXPECT_EQ(choose_encoding("*"), ContentEncoding::Brotli);
    EXPECT_EQ(choose_encoding("br;q=0, *"), ContentEncoding::Gzip);
    EXPECT_EQ(choose_encoding("x-gzip"), ContentEncoding::Gzip);
    EXPECT_EQ(choose_encoding("GZIP ; Q=0.5"), ContentEncoding::Gzip);
}

TEST(Compression, NothingOrIdentityOrGarbageMeansIdentity) {
    EXPECT_EQ(choose_encoding(""), ContentEncoding::Identity);
    EXPECT_EQ(choose_encoding("identity"), ContentEncoding::Identity);
    EXPECT_EQ(choose_encoding("deflate, compress"), ContentEncoding::Identity);
    EXPECT_EQ(choose_encoding("br;q=2, gzip;q=abc"), ContentEncoding::Identity);
}

TEST(Compression, OnlyTextLikeTypesAreCompressible) {
    EXPECT_TRUE(is_compressible("text/html; charset=utf-8"));
    EXPECT_TRUE(is_compressible("application/json; charset=utf-8"));
    EXPECT_TRUE(is_compressible("application/rss+xml"));
    EXPECT_TRUE(is_compressible("image/svg+xml"));
    EXPECT_TRUE(is_compressible("application/javascript"));
    EXPECT_FALSE(is_compressible("image/jpeg"));
    EXPECT_FALSE(is_compressible("application/octet-stream"));
}

TEST(Compression, TokensAndEtagSuffixesNameTheEncoding) {
    EXPECT_EQ(content_encoding_token(ContentEncoding::Brotli), "br");
    EXPECT_EQ(content_encoding_token(ContentEncoding::Gzip), "gzip");
    EXPECT_EQ(content_encoding_token(ContentEncoding::Identity), "");
    EXPECT_EQ(etag_suffix(ContentEncoding::Gzip), "-gz");
    EXPECT_EQ(encode("abc", ContentEncoding::Identity), "abc");
}
