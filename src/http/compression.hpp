// Compression: gzip and brotli encoders and Accept-Encoding negotiation, shared by the server and the page cache.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace cong::http {

enum class ContentEncoding { Identity, Gzip, Brotli };

// Bodies smaller than this gain less from compression than the headers and CPU cost.
constexpr std::size_t MIN_COMPRESS_BYTES = 256;
// Quality 5 compresses dynamic pages better than gzip -6 at a similar speed; precompressed
// content (rendered once, served many times) can afford the slow maximum of 11.
constexpr int BROTLI_QUALITY_DYNAMIC = 5;
constexpr int BROTLI_QUALITY_PRECOMPRESSED = 11;

// The gzip member (RFC 1952) of data. Throws only when zlib fails, which is a fault.
std::string gzip(std::string_view data, int level = 6);
// The brotli stream (RFC 7932) of data at quality 0–11. Throws only when the encoder fails.
std::string brotli(std::string_view data, int quality);

// The best encoding the client accepts: brotli over gzip at equal weight, a higher q wins,
// q=0 refuses a coding, "*" stands for any coding not named, "x-gzip" is gzip.
ContentEncoding choose_encoding(std::string_view accept_encoding);

// The Content-Encoding token ("br", "gzip"; empty for identity).
std::string_view content_encoding_token(ContentEncoding encoding);
// The suffix that tells encoded variants apart in an ETag ("-br", "-gz"; empty for identity).
std::string_view etag_suffix(ContentEncoding encoding);

// Text-like types worth compressing: text/*, JSON, XML, RSS, SVG, JavaScript. Parameters are ignored.
bool is_compressible(std::string_view content_type);

// Encodes data with the given encoding (identity returns it unchanged).
std::string encode(std::string_view data, ContentEncoding encoding, int brotli_quality = BROTLI_QUALITY_DYNAMIC);

}  // namespace cong::http
