// Boost.JSON is compiled once, here, instead of in every file that includes it.
#include <boost/json/src.hpp>
