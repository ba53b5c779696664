// libFuzzer target for multipart/form-data uploads (media/multipart): the input's first line is the
// Content-Type header value, the rest is the body. Any bytes are refused or split without a crash, and
// what is accepted holds to the limits and to what the upload code relies on.
#include "media/multipart.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

using namespace cong;

void check(bool ok, const char* what) {
    if (!ok) {
        std::fprintf(stderr, "property broken: %s\n", what);
        std::abort();
    }
}

bool contains(std::string_view whole, std::string_view part) {
    return part.empty() || (part.data() >= whole.data() && part.data() + part.size() <= whole.data() + whole.size());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view input(reinterpret_cast<const char*>(data), size);
    auto newline = input.find('\n');
    if (newline == std::string_view::npos) return 0;
    std::string_view content_type = input.substr(0, newline);
    // A copy, so the sanitizer sees reads past the body's end rather than into the Content-Type line.
    const std::string body(input.substr(newline + 1));

    auto boundary = media::multipart_boundary(content_type);
    if (boundary) {
        check(!boundary->empty() && boundary->size() <= media::MAX_BOUNDARY_LENGTH, "a boundary is 1 to 70 characters");
        check(boundary->back() != ' ', "a boundary does not end in a space");
    }

    auto parts = media::parse_multipart(content_type, body);
    if (!parts) {
        check(parts.error().code == core::Errc::InvalidInput, "a refused form is InvalidInput");
        check(!parts.error().detail.empty(), "a refused form says why");
        return 0;
    }
    check(boundary.has_value(), "a parsed form has a valid boundary");
    check(!parts->empty() && parts->size() <= media::MAX_FORM_PARTS, "a form has 1 to MAX_FORM_PARTS parts");
    const std::string delimiter = "\r\n--" + *boundary;
    const char* previous_end = body.data();
    for (const auto& part : *parts) {
        check(!part.name.empty(), "every part has a field name");
        check(contains(body, part.data), "part data lies inside the body");
        check(part.data.empty() || part.data.data() >= previous_end, "parts come in order without overlapping");
        check(part.data.find(delimiter) == std::string_view::npos, "part data never holds the delimiter");
        previous_end = part.data.data() + part.data.size();
        check(part.filename.find_first_of("/\\") == std::string::npos, "a file name has no directory");
        check(part.filename != "." && part.filename != "..", "a file name is not '.' or '..'");
        for (char c : part.filename) {
            auto byte = static_cast<unsigned char>(c);
            check(byte >= 0x20 && byte != 0x7F, "a file name has no control characters");
        }
        for (char c : part.content_type) check(!(c >= 'A' && c <= 'Z'), "a part's content type is lower case");
        check(media::find_form_part(*parts, part.name) != nullptr, "every part is found by its name");
    }
    return 0;
}
