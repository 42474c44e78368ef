// What a generated kernels_<i>.cpp (kernel_table.sh) needs to list the kernels of its source: the fiber
// launcher and HOST_KERNEL, which reads a kernel's parameter kinds off its C++ signature (modules.cpp compares
// them with the PTX each module declares) and binds cuLaunchKernel's parameter values to it.
#pragma once

#include "kernels.h"

#include "../emulate/cuda_fibers.h"

#include <cstdint>
#include <type_traits>
#include <utility>
#include <vector>

namespace standin {

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

}  // namespace standin
