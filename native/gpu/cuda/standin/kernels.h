// The bundled kernels built for the host, found by their PTX entry names.
#pragma once

#include <string>
#include <vector>

namespace standin {

enum class Param { POINTER, INT32, FLOAT32, INT64, FLOAT64 };

struct HostKernel {
    const char* name;
    std::vector<Param> params;
    // Runs the kernel over grid x block; values[i] points at parameter i's bytes, as cuLaunchKernel's
    // kernelParams do.
    void (*run)(const unsigned grid[3], const unsigned block[3], void* const* values);
};

// The kernel of that entry name, or null.
const HostKernel* hostKernel(const std::string& name);
// "sobel3, sharpen3, ...": for messages.
std::string hostKernelNames();
size_t paramBytes(Param p);
const char* paramName(Param p);

}  // namespace standin
