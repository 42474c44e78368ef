// The stand-in's driver version and compute capability (standin.h, Settings), from SHMT_CUDA_STANDIN_DRIVER
// and SHMT_CUDA_STANDIN_CC. A malformed value is not replaced by the default: cuInit fails and says which
// variable is wrong, so that a test never plays a board other than the one it names.
#include "standin.h"

#include <cstdlib>

namespace standin {
namespace {

// "MAJOR.MINOR" with MAJOR 1 to 99 and MINOR 0 to 9 (CUDA encodes a version as 1000 * major + 10 * minor,
// and no CUDA release or compute capability has a two-digit minor).
bool parse(const char* text, int* major, int* minor) {
    const char* p = text;
    int m = 0, digits = 0;
    while (*p >= '0' && *p <= '9' && digits < 3) m = m * 10 + (*p++ - '0'), digits++;
    if (digits == 0 || digits > 2 || m == 0 || *p++ != '.') return false;
    if (*p < '0' || *p > '9') return false;
    const int n = *p++ - '0';
    if (*p != '\0') return false;
    *major = m;
    *minor = n;
    return true;
}

Settings read() {
    Settings s;
    int major, minor;
    if (const char* d = std::getenv("SHMT_CUDA_STANDIN_DRIVER")) {
        if (parse(d, &major, &minor)) {
            s.driverVersion = 1000 * major + 10 * minor;
        } else {
            s.error = std::string("SHMT_CUDA_STANDIN_DRIVER='") + d + "' is not a CUDA driver version: expected"
                      " MAJOR.MINOR such as 10.2, 11.4 or 12.6 (unset: 12.0)";
            return s;
        }
    }
    if (const char* c = std::getenv("SHMT_CUDA_STANDIN_CC")) {
        if (parse(c, &major, &minor)) {
            s.ccMajor = major;
            s.ccMinor = minor;
        } else {
            s.error = std::string("SHMT_CUDA_STANDIN_CC='") + c + "' is not a compute capability: expected"
                      " MAJOR.MINOR such as 5.3, 7.2 or 8.7 (unset: 7.5)";
        }
    }
    return s;
}

}  // namespace

bool skipWork() {
    static const bool skip = [] {
        const char* v = std::getenv("SHMT_CUDA_STANDIN_WORK");
        return v != nullptr && std::string(v) == "skip";
    }();
    return skip;
}

const Settings& settings() {
    static const Settings s = read();
    return s;
}

}  // namespace standin
