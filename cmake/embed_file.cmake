# Writes OUTPUT, a C++ file defining `std::string_view <SYMBOL>()` in namespace NAMESPACE that
# returns the bytes of INPUT. Run at build time: cmake -DINPUT=… -DOUTPUT=… -DSYMBOL=… -DNAMESPACE=… -P embed_file.cmake
file(READ "${INPUT}" hex HEX)
string(LENGTH "${hex}" hex_length)
math(EXPR byte_count "${hex_length} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
# Break the array into lines so compilers and editors stay happy.
string(REGEX REPLACE "((0x..,){32})" "\\1\n" bytes "${bytes}")
file(WRITE "${OUTPUT}.tmp"
"// Generated from ${INPUT} by cmake/embed_file.cmake; do not edit.
#include <string_view>
namespace ${NAMESPACE} {
namespace {
const unsigned char DATA[] = {
${bytes}0x00};
}
std::string_view ${SYMBOL}() { return {reinterpret_cast<const char*>(DATA), ${byte_count}}; }
}
")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
