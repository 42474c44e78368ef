/*
 * A stand-in libcuda.so.1 for tests on machines without an NVIDIA driver: just enough of the driver
 * API for JCuda's binding to load and for the gpu device's detection to run. What it answers is set at
 * build time:
 *   INIT_RESULT     what cuInit returns (100 = CUDA_ERROR_NO_DEVICE)
 *   DRIVER_VERSION  what cuDriverGetVersion reports (12080 = CUDA 12.8)
 *   CC_MAJOR/MINOR  the compute capability of its one listed GPU
 */
#include <stddef.h>
#include <string.h>

#ifndef INIT_RESULT
#define INIT_RESULT 100
#endif
#ifndef DRIVER_VERSION
#define DRIVER_VERSION 12080
#endif
#ifndef CC_MAJOR
#define CC_MAJOR 6
#endif
#ifndef CC_MINOR
#define CC_MINOR 0
#endif

int cuInit(unsigned int flags) { (void) flags; return INIT_RESULT; }
int cuDriverGetVersion(int *v) { *v = DRIVER_VERSION; return 0; }
int cuDeviceGetCount(int *n) { *n = 1; return 0; }
int cuDeviceGet(int *d, int ordinal) { *d = ordinal; return 0; }

int cuDeviceGetName(char *name, int len, int d) {
    (void) d;
    strncpy(name, "Stand-in GPU", (size_t) len);
    return 0;
}

int cuDeviceTotalMem_v2(size_t *bytes, int d) { (void) d; *bytes = (size_t) 16 << 30; return 0; }

int cuDeviceGetAttribute(int *v, int attribute, int d) {
    (void) d;
    switch (attribute) {
        case 75: *v = CC_MAJOR; return 0;  /* CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR */
        case 76: *v = CC_MINOR; return 0;  /* ..._MINOR */
        case 16: *v = 4; return 0;         /* CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT */
        default: *v = 0; return 1;         /* CUDA_ERROR_INVALID_VALUE */
    }
}
