// Asio and Beast are compiled once, here, instead of in every file of this folder that includes them
// (BOOST_ASIO_SEPARATE_COMPILATION and BOOST_BEAST_SEPARATE_COMPILATION are set on cong_http).
#include <boost/asio/impl/src.hpp>

// Boost 1.81's request parser asserts wrongly when the last chunk "0\r\n" of a chunked body is followed by
// fewer than two more bytes in one read (boostorg/beast#2861, fixed in Boost 1.86): the code after the
// assert handles it, so release builds were right, but any client could abort a debug or sanitizer build.
// The parser's compiled part is therefore built here without asserts (BOOST_VERIFY still evaluates);
// every other Beast header was included above or is included below with its asserts as usual.
#include <boost/beast/http/basic_parser.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/rfc7230.hpp>
#define BOOST_BEAST_SOURCE
#define BOOST_DISABLE_ASSERTS
#include <boost/assert.hpp>
#include <boost/beast/http/impl/basic_parser.ipp>
#undef BOOST_DISABLE_ASSERTS
#include <boost/assert.hpp>

#include <boost/beast/src.hpp>
