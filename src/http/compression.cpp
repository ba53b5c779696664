#include "http/compression.hpp"

#include <brotli/encode.h>
#include <zlib.h>

#include <algorithm>
#include <stdexcept>

namespace cong::http {
namespace {

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
               return lower(x) == lower(y);
           });
}

// A q-value in thousandths (RFC 9110 §12.4.2: at most three decimals); -1 when malformed.
int parse_qvalue(std::string_view text) {
    if (text.empty() || (text[0] != '0' && text[0] != '1')) return -1;
    int whole = text[0] - '0';
    if (text.size() == 1) return whole * 1000;
    if (text[1] != '.' || text.size() > 5) return -1;
    int thousandths = 0;
    int scale = 100;
    for (char c : text.substr(2)) {
        if (c < '0' || c > '9') return -1;
        thousandths += (c - '0') * scale;
        scale /= 10;
    }
    if (whole == 1 && thousandths != 0) return -1;
    return whole * 1000 + thousandths;
}

// The weight of one list element's parameters: 1000 when there is no q.
int element_weight(std::string_view params) {
    while (!params.empty()) {
        auto semicolon = params.find(';');
        auto param = trim(params.substr(0, semicolon));
        params = semicolon == std::string_view::npos ? std::string_view{} : params.substr(semicolon + 1);
        auto equals = param.find('=');
        if (equals == std::string_view::npos) continue;
        if (iequals(trim(param.substr(0, equals)), "q")) return parse_qvalue(trim(param.substr(equals + 1)));
    }
    return 1000;
}

}  // namespace

std::string gzip(std::string_view data, int level) {
    z_stream stream{};
    // 15 window bits plus 16 asks zlib for the gzip wrapper instead of the zlib one.
    if (deflateInit2(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        throw std::runtime_error("deflateInit2 failed");
    }
    std::string out(deflateBound(&stream, static_cast<uLong>(data.size())) + 32, '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    stream.avail_in = static_cast<uInt>(data.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    int status = deflate(&stream, Z_FINISH);
    out.resize(stream.total_out);
    deflateEnd(&stream);
    if (status != Z_STREAM_END) throw std::runtime_error("deflate did not finish");
    return out;
}

std::string brotli(std::string_view data, int quality) {
    std::size_t size = BrotliEncoderMaxCompressedSize(data.size());
    if (size == 0) size = data.size() + 1024;
    std::string out(size, '\0');
    int ok = BrotliEncoderCompress(std::clamp(quality, BROTLI_MIN_QUALITY, BROTLI_MAX_QUALITY), BROTLI_DEFAULT_WINDOW,
                                   BROTLI_MODE_TEXT, data.size(), reinterpret_cast<const uint8_t*>(data.data()), &size,
                                   reinterpret_cast<uint8_t*>(out.data()));
    if (!ok) throw std::runtime_error("BrotliEncoderCompress failed");
    out.resize(size);
    return out;
}

ContentEncoding choose_encoding(std::string_view accept_encoding) {
    int brotli_weight = -1;
    int gzip_weight = -1;
    int any_weight = -1;
    while (!accept_encoding.empty()) {
        auto comma = accept_encoding.find(',');
        auto element = accept_encoding.substr(0, comma);
        accept_encoding = comma == std::string_view::npos ? std::string_view{} : accept_encoding.substr(comma + 1);
        auto semicolon = element.find(';');
        auto coding = trim(element.substr(0, semicolon));
        int weight = semicolon == std::string_view::npos ? 1000 : element_weight(element.substr(semicolon + 1));
        if (weight < 0) continue;  // a malformed q makes the element void
        if (iequals(coding, "br")) brotli_weight = weight;
        else if (iequals(coding, "gzip") || iequals(coding, "x-gzip")) gzip_weight = std::max(gzip_weight, weight);
        else if (coding == "*") any_weight = weight;
    }
    if (brotli_weight < 0) brotli_weight = any_weight;
    if (gzip_weight < 0) gzip_weight = any_weight;
    if (brotli_weight > 0 && brotli_weight >= gzip_weight) return ContentEncoding::Brotli;
    if (gzip_weight > 0) return ContentEncoding::Gzip;
    return ContentEncoding::Identity;
}

std::string_view content_encoding_token(ContentEncoding encoding) {
    switch (encoding) {
        case ContentEncoding::Brotli: return "br";
        case ContentEncoding::Gzip: return "gzip";
        case ContentEncoding::Identity: break;
    }
    return {};
}

std::string_view etag_suffix(ContentEncoding encoding) {
    switch (encoding) {
        case ContentEncoding::Brotli: return "-br";
        case ContentEncoding::Gzip: return "-gz";
        case ContentEncoding::Identity: break;
    }
    return {};
}

bool is_compressible(std::string_view content_type) {
    auto type = trim(content_type.substr(0, content_type.find(';')));
    if (type.size() >= 5 && iequals(type.substr(0, 5), "text/")) return true;
    for (std::string_view candidate : {"application/json", "application/xml", "application/rss+xml", "image/svg+xml",
                                       "application/javascript", "application/atom+xml", "application/manifest+json"}) {
        if (iequals(type, candidate)) return true;
    }
    return false;
}

std::string encode(std::string_view data, ContentEncoding encoding, int brotli_quality) {
    switch (encoding) {
        case ContentEncoding::Brotli: return brotli(data, brotli_quality);
        case ContentEncoding::Gzip: return gzip(data);
        case ContentEncoding::Identity: break;
    }
    return std::string(data);
}

}  // namespace cong::http
