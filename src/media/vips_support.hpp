// libvips support: one-time start-up of the library and owning handles for its objects.
#pragma once

#include <vips/vips.h>

#include <memory>
#include <string>

namespace cong::media {

// Starts libvips once per process; safe to call from any thread, any number of times.
// Throws std::runtime_error when libvips cannot start: that is a broken machine, not bad input.
void ensure_vips_started();

struct GObjectUnref {
    void operator()(void* object) const {
        if (object != nullptr) g_object_unref(object);
    }
};
using VipsImagePtr = std::unique_ptr<VipsImage, GObjectUnref>;

struct GFree {
    void operator()(void* memory) const { g_free(memory); }
};

// The text of libvips' error buffer, cleared afterwards, for logs only: it may name internals.
std::string take_vips_error();

}  // namespace cong::media
