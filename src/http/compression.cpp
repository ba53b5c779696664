#include "http/compression.hpp"

#include <brotli/encode.h>
#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <vector>

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

// The compressors' working memory (zlib's window and hash chains, brotli's hash tables: a megabyte or more
// per page), kept per thread from one page to the next. Allocated afresh for every page, glibc hands such
// blocks to mmap and the kernel faults in and zeroes every page of them again: that was a third of the CPU
// of a cache miss, and with it the allocator's fragmentation. Blocks are reused by exact size (each page
// asks for the same sizes), up to a bound per thread.
class WorkingMemory {
public:
    ~WorkingMemory() {
        for (void* block : free_) std::free(block);
    }

    static void* allocate(void* opaque, std::size_t size) {
        auto& self = *static_cast<WorkingMemory*>(opaque);
        for (std::size_t i = 0; i < self.free_.size(); ++i) {
            if (size_of(self.free_[i]) != size) continue;
            void* block = self.free_[i];
            self.held_ -= size;
            self.free_[i] = self.free_.back();
            self.free_.pop_back();
            return static_cast<char*>(block) + HEADER;
        }
        void* block = std::malloc(size + HEADER);
        if (block == nullptr) return nullptr;
        std::memcpy(block, &size, sizeof size);
        return static_cast<char*>(block) + HEADER;
    }

    static void release(void* opaque, void* address) {
        if (address == nullptr) return;
        auto& self = *static_cast<WorkingMemory*>(opaque);
        void* block = static_cast<char*>(address) - HEADER;
        std::size_t size = size_of(block);
        if (self.held_ + size > MAX_HELD_BYTES || self.free_.size() >= MAX_BLOCKS) {
            std::free(block);
            return;
        }
        self.held_ += size;
        self.free_.push_back(block);
    }

    static WorkingMemory& of_this_thread() {
        thread_local WorkingMemory memory;
        return memory;
    }

private:
    static constexpr std::size_t HEADER = 16;  // keeps the caller's block 16-byte aligned
    static constexpr std::size_t MAX_HELD_BYTES = 8 * 1024 * 1024;
    static constexpr std::size_t MAX_BLOCKS = 64;

    static std::size_t size_of(void* block) {
        std::size_t size;
        std::memcpy(&size, block, sizeof size);
        return size;
    }

    std::vector<void*> free_;
    std::size_t held_ = 0;
};

void* zlib_allocate(void* opaque, uInt items, uInt size) {
    return WorkingMemory::allocate(opaque, std::size_t{items} * size);
}

}  // namespace

std::string gzip(std::string_view data, int level) {
    z_stream stream{};
    stream.zalloc = zlib_allocate;
    stream.zfree = WorkingMemory::release;
    stream.opaque = &WorkingMemory::of_this_thread();
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
    BrotliEncoderState* encoder =
        BrotliEncoderCreateInstance(WorkingMemory::allocate, WorkingMemory::release, &WorkingMemory::of_this_thread());
    if (encoder == nullptr) throw std::runtime_error("BrotliEncoderCreateInstance failed");
    BrotliEncoderSetParameter(encoder, BROTLI_PARAM_QUALITY,
                              static_cast<std::uint32_t>(std::clamp(quality, BROTLI_MIN_QUALITY, BROTLI_MAX_QUALITY)));
    // A window no larger than the page: it then still reaches every earlier byte, and for pages under 64 KiB
    // brotli picks its small hashers, a few hundred kilobytes of working memory instead of megabytes.
    int window = BROTLI_MIN_WINDOW_BITS;
    while (window < BROTLI_DEFAULT_WINDOW && (std::size_t{1} << window) - 16 < data.size()) ++window;
    BrotliEncoderSetParameter(encoder, BROTLI_PARAM_LGWIN, static_cast<std::uint32_t>(window));
    BrotliEncoderSetParameter(encoder, BROTLI_PARAM_MODE, BROTLI_MODE_TEXT);
    BrotliEncoderSetParameter(encoder, BROTLI_PARAM_SIZE_HINT, static_cast<std::uint32_t>(data.size()));
    std::size_t available_in = data.size();
    const auto* next_in = reinterpret_cast<const std::uint8_t*>(data.data());
    std::size_t available_out = out.size();
    auto* next_out = reinterpret_cast<std::uint8_t*>(out.data());
    BROTLI_BOOL ok = BrotliEncoderCompressStream(encoder, BROTLI_OPERATION_FINISH, &available_in, &next_in,
                                                 &available_out, &next_out, nullptr);
    bool finished = ok && BrotliEncoderIsFinished(encoder);
    BrotliEncoderDestroyInstance(encoder);
    if (!finished) throw std::runtime_error("brotli compression did not finish");
    out.resize(out.size() - available_out);
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
