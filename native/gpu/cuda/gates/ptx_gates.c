// Checks what the host CUDA driver stand-in (a libcuda.so.1, loaded with dlopen) answers as the driver and
// device it plays (SHMT_CUDA_STANDIN_DRIVER, SHMT_CUDA_STANDIN_CC): its version, its compute capability, and
// which PTX files it loads or refuses with which result code. Driven by native/gpu/cuda/check-standin-gates.sh.
//
//   ptx_gates LIB device DRIVER MAJOR MINOR     cuDriverGetVersion is DRIVER, the compute capability MAJOR.MINOR
//   ptx_gates LIB init CODE TEXT                cuInit returns CODE and its message contains TEXT
//   ptx_gates LIB load CODE TEXT FILE...        each PTX FILE loads with CODE (0: and every .entry resolves),
//                                               else the JIT log contains TEXT
// Exit status 0 when every check holds; each failure is printed.
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef int CUresult;
typedef void* Handle;

static CUresult (*cuInit)(unsigned);
static CUresult (*cuDriverGetVersion)(int*);
static CUresult (*cuDeviceGet)(int*, int);
static CUresult (*cuDeviceGetAttribute)(int*, int, int);
static CUresult (*cuDevicePrimaryCtxRetain)(Handle*, int);
static CUresult (*cuDevicePrimaryCtxRelease)(int);
static CUresult (*cuCtxSetCurrent)(Handle);
static CUresult (*cuModuleLoadDataEx)(Handle*, const void*, unsigned, const int*, void**);
static CUresult (*cuModuleGetFunction)(Handle*, Handle, const char*);
static CUresult (*cuModuleUnload)(Handle);
static CUresult (*cuGetErrorString)(CUresult, const char**);

static int failures = 0;

static void* symbol(void* lib, const char* name) {
    void* f = dlsym(lib, name);
    if (f == NULL) {
        fprintf(stderr, "ptx_gates: %s is not exported by the library: %s\n", name, dlerror());
        exit(2);
    }
    return f;
}

static const char* message(CUresult code) {
    const char* text = NULL;
    if (cuGetErrorString(code, &text) != 0 || text == NULL) return "(no message)";
    return text;
}

static void check(int ok, const char* what, CUresult code) {
    if (!ok) {
        fprintf(stderr, "FAIL: %s (result %d: %s)\n", what, code, message(code));
        failures++;
    }
}

static char* slurp(const char* path) {
    FILE* f = fopen(path, "rb");
    if (f == NULL) {
        perror(path);
        exit(2);
    }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char* text = malloc((size_t) n + 1);
    if (text == NULL || fread(text, 1, (size_t) n, f) != (size_t) n) {
        fprintf(stderr, "ptx_gates: cannot read %s\n", path);
        exit(2);
    }
    text[n] = '\0';
    fclose(f);
    return text;
}

static int context(void) {
    CUresult r = cuInit(0);
    check(r == 0, "cuInit", r);
    if (r != 0) return 0;
    int device;
    Handle ctx;
    if ((r = cuDeviceGet(&device, 0)) != 0 || (r = cuDevicePrimaryCtxRetain(&ctx, device)) != 0
        || (r = cuCtxSetCurrent(ctx)) != 0) {
        check(0, "a current primary context", r);
        return 0;
    }
    return 1;
}

// Resolves every ".entry NAME(" of the PTX in the loaded module.
static void resolveEntries(const char* file, const char* ptx, Handle module) {
    int entries = 0;
    for (const char* at = strstr(ptx, ".entry "); at != NULL; at = strstr(at + 7, ".entry ")) {
        const char* name = at + 7;
        size_t len = strcspn(name, "( \t\n");
        char buf[256];
        snprintf(buf, sizeof buf, "%.*s", (int) len, name);
        Handle f;
        CUresult r = cuModuleGetFunction(&f, module, buf);
        char what[512];
        snprintf(what, sizeof what, "%s: cuModuleGetFunction(%s)", file, buf);
        check(r == 0, what, r);
        entries++;
    }
    printf("  %s loaded, %d entries resolved\n", file, entries);
    if (entries == 0) {
        fprintf(stderr, "FAIL: %s declares no .entry\n", file);
        failures++;
    }
}

static void load(int expected, const char* text, const char* path) {
    char* ptx = slurp(path);
    const char* file = strrchr(path, '/') != NULL ? strrchr(path, '/') + 1 : path;
    char log[4096] = "";
    int options[] = {5, 6};  // CU_JIT_ERROR_LOG_BUFFER and its size in bytes
    void* values[] = {log, (void*) (size_t) sizeof log};
    Handle module = NULL;
    CUresult r = cuModuleLoadDataEx(&module, ptx, 2, options, values);
    char what[512];
    snprintf(what, sizeof what, "%s: cuModuleLoadDataEx returned %d, expected %d", file, r, expected);
    check(r == expected, what, r);
    if (r == 0) {
        resolveEntries(file, ptx, module);
        cuModuleUnload(module);
    } else {
        printf("  %s refused with %d: %s\n", file, r, log);
        if (strstr(log, text) == NULL) {
            fprintf(stderr, "FAIL: %s: the JIT log does not say '%s': %s\n", file, text, log);
            failures++;
        }
    }
    free(ptx);
}

int main(int argc, char** argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: ptx_gates LIB device DRIVER MAJOR MINOR | init CODE TEXT | load CODE TEXT FILE...\n");
        return 2;
    }
    void* lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    if (lib == NULL) {
        fprintf(stderr, "ptx_gates: cannot load %s: %s\n", argv[1], dlerror());
        return 2;
    }
    cuInit = symbol(lib, "cuInit");
    cuDriverGetVersion = symbol(lib, "cuDriverGetVersion");
    cuDeviceGet = symbol(lib, "cuDeviceGet");
    cuDeviceGetAttribute = symbol(lib, "cuDeviceGetAttribute");
    cuDevicePrimaryCtxRetain = symbol(lib, "cuDevicePrimaryCtxRetain");
    cuDevicePrimaryCtxRelease = symbol(lib, "cuDevicePrimaryCtxRelease_v2");
    cuCtxSetCurrent = symbol(lib, "cuCtxSetCurrent");
    cuModuleLoadDataEx = symbol(lib, "cuModuleLoadDataEx");
    cuModuleGetFunction = symbol(lib, "cuModuleGetFunction");
    cuModuleUnload = symbol(lib, "cuModuleUnload");
    cuGetErrorString = symbol(lib, "cuGetErrorString");

    const char* mode = argv[2];
    if (strcmp(mode, "device") == 0 && argc == 6) {
        if (!context()) return 1;
        int version = 0, major = 0, minor = 0;
        CUresult r = cuDriverGetVersion(&version);
        check(r == 0 && version == atoi(argv[3]), "cuDriverGetVersion", r);
        r = cuDeviceGetAttribute(&major, 75, 0);
        check(r == 0 && major == atoi(argv[4]), "compute capability major (attribute 75)", r);
        r = cuDeviceGetAttribute(&minor, 76, 0);
        check(r == 0 && minor == atoi(argv[5]), "compute capability minor (attribute 76)", r);
        printf("  driver %d, compute capability %d.%d\n", version, major, minor);
        cuDevicePrimaryCtxRelease(0);
    } else if (strcmp(mode, "init") == 0 && argc == 5) {
        CUresult r = cuInit(0);
        const char* text = message(r);
        printf("  cuInit: %d: %s\n", r, text);
        check(r == atoi(argv[3]), "cuInit's result", r);
        if (strstr(text, argv[4]) == NULL) {
            fprintf(stderr, "FAIL: cuInit's message does not say '%s'\n", argv[4]);
            failures++;
        }
    } else if (strcmp(mode, "load") == 0 && argc >= 6) {
        if (!context()) return 1;
        for (int i = 5; i < argc; i++) load(atoi(argv[3]), argv[4], argv[i]);
        cuDevicePrimaryCtxRelease(0);
    } else {
        fprintf(stderr, "ptx_gates: bad arguments (see the comment at the top of ptx_gates.c)\n");
        return 2;
    }
    return failures == 0 ? 0 : 1;
}
