// Compiles native/gpu/cuda's kernels for the host with the fiber launcher, and lists them with the parameter
// kinds of their C++ signatures, which modules.cpp compares with the PTX each module declares.
#include "kernels.h"

#include "../emulate/cuda_fibers.h"

#include <cstdint>
#include <type_traits>
#include <utility>

#include "../stencils.cu"
#include "../blackscholes.cu"
#include "../fft.cu"
#include "../dct8x8.cu"
#include "../histogram.cu"

namespace standin {
namespace {

template <typename T>
constexpr Param kind() {
    if constexpr (std::is_pointer_v<T>) return Param::POINTER;
    else if constexpr (std::is_same_v<T, float>) return Param::FLOAT32;
    else if constexpr (std::is_same_v<T, double>) return Param::FLOAT64;
    else if constexpr (sizeof(T) == 8) return Param::INT64;
    else return Param::INT32;
}

template <typename F>
struct Bind;

template <typename... A>
struct Bind<void (*)(A...)> {
    template <auto K, size_t... I>
    static void call(dim3 g, dim3 b, void* const* v, std::index_sequence<I...>) {
        launch(g, b, K, *static_cast<std::remove_cv_t<A>*>(v[I])...);
    }
    template <auto K>
    static void run(const unsigned grid[3], const unsigned block[3], void* const* v) {
        call<K>(dim3{grid[0], grid[1], grid[2]}, dim3{block[0], block[1], block[2]}, v, std::index_sequence_for<A...>{});
    }
    static std::vector<Param> params() { return {kind<std::remove_cv_t<A>>()...}; }
};

#define HOST_KERNEL(k) HostKernel{#k, Bind<decltype(&k)>::params(), &Bind<decltype(&k)>::run<&k>}

const std::vector<HostKernel>& all() {
    static const std::vector<HostKernel> kernels = {
        HOST_KERNEL(sharpen3), HOST_KERNEL(blur5), HOST_KERNEL(sobel3), HOST_KERNEL(laplacian3), HOST_KERNEL(mean3),
        HOST_KERNEL(hotspot), HOST_KERNEL(fdwt97), HOST_KERNEL(srad_coefficient), HOST_KERNEL(srad_update), HOST_KERNEL(blackscholes), HOST_KERNEL(fft_rows), HOST_KERNEL(dct8x8),
        HOST_KERNEL(histogram256),
    };
    return kernels;
}

}  // namespace

const HostKernel* hostKernel(const std::string& name) {
    for (const HostKernel& k : all()) {
        if (name == k.name) return &k;
    }
    return nullptr;
}

std::string hostKernelNames() {
    std::string s;
    for (const HostKernel& k : all()) s += (s.empty() ? "" : ", ") + std::string(k.name);
    return s;
}

size_t paramBytes(Param p) { return p == Param::INT32 || p == Param::FLOAT32 ? 4 : 8; }

const char* paramName(Param p) {
    switch (p) {
        case Param::POINTER: return "pointer";
        case Param::INT32: return "32-bit integer";
        case Param::FLOAT32: return "f32";
        case Param::INT64: return "64-bit integer";
        case Param::FLOAT64: return "f64";
    }
    return "?";
}

}  // namespace standin
