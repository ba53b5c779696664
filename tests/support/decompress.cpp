#include "decompress.hpp"

#include <brotli/decode.h>
#include <zlib.h>

#include <cstdint>

namespace cong::testing {
namespace {
constexpr std::size_t MAX_DECODED_BYTES = 16 << 20;
}

std::string gunzip(const std::string& data) {
    z_stream stream{};
    if (inflateInit2(&stream, 15 + 16) != Z_OK) return {};
    std::string out(MAX_DECODED_BYTES, '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    stream.avail_in = static_cast<uInt>(data.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    int status = inflate(&stream, Z_FINISH);
    out.resize(status == Z_STREAM_END ? stream.total_out : 0);
    inflateEnd(&stream);
    return out;
}

std::string unbrotli(const std::string& data) {
    std::string out(MAX_DECODED_BYTES, '\0');
    std::size_t size = out.size();
    auto status = BrotliDecoderDecompress(data.size(), reinterpret_cast<const std::uint8_t*>(data.data()), &size,
                                          reinterpret_cast<std::uint8_t*>(out.data()));
    out.resize(status == BROTLI_DECODER_RESULT_SUCCESS ? size : 0);
    return out;
}

}  // namespace cong::testing
