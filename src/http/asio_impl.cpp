// Asio and Beast are compiled once, here, instead of in every file of this folder that includes them
// (BOOST_ASIO_SEPARATE_COMPILATION and BOOST_BEAST_SEPARATE_COMPILATION are set on cong_http).
#include <boost/asio/impl/src.hpp>
#include <boost/beast/src.hpp>
