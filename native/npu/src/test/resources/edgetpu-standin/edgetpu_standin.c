/*
 * A stand-in for libedgetpu.so.1, for tests on machines without an Edge TPU. It lists one USB device
 * (none when built with -DSTANDIN_NO_DEVICE) and hands out TFLite's XNNPACK delegate as the "Edge TPU"
 * delegate, wrapped so a test can see that it was attached (Prepare ran), that it took the graph
 * (delegate kernel nodes replaced the model's operators) and that it was used (those nodes ran).
 *
 * Only the leading fields of TFLite's C structs are declared: they have kept their order for years.
 *
 * Broken variants, for the NPU device's out-of-process probe (one -D each):
 *   STANDIN_CRASH_CREATE  segfaults in edgetpu_create_delegate;
 *   STANDIN_CRASH_INVOKE  segfaults in the delegate kernel's invoke, i.e. inside TFLite's first Invoke;
 *   STANDIN_HANG_INVOKE   never returns from that invoke;
 *   STANDIN_WRONG_BYTES   runs the kernel, then flips bits in every third byte of its outputs;
 *   STANDIN_REFUSE        returns no delegate, as libedgetpu does for a device another process holds.
 * Each is what a libedgetpu built against another TensorFlow commit can do to the process it is in.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef int TfLiteStatus;
typedef struct { int size; int data[]; } TfLiteIntArray;
/* Leading fields only, as above. */
typedef struct TfLiteNode { TfLiteIntArray* inputs; TfLiteIntArray* outputs; } TfLiteNode;
typedef struct TfLiteContext TfLiteContext;
typedef struct TfLiteRegistration {
    void* (*init)(TfLiteContext*, const char*, size_t);
    void (*free)(TfLiteContext*, void*);
    TfLiteStatus (*prepare)(TfLiteContext*, TfLiteNode*);
    TfLiteStatus (*invoke)(TfLiteContext*, TfLiteNode*);
    const char* (*profiling_string)(const TfLiteContext*, const TfLiteNode*);
    int32_t builtin_code;
} TfLiteRegistration;
struct TfLiteContext {
    size_t tensors_size;
    TfLiteStatus (*GetExecutionPlan)(TfLiteContext*, TfLiteIntArray**);
    void* tensors;
    void* impl_;
    void* ResizeTensor;
    void* ReportError;
    void* AddTensors;
    TfLiteStatus (*GetNodeAndRegistration)(TfLiteContext*, int, TfLiteNode**, TfLiteRegistration**);
};
typedef struct TfLiteDelegate {
    void* data_;
    TfLiteStatus (*Prepare)(TfLiteContext*, struct TfLiteDelegate*);
} TfLiteDelegate;

enum { kTfLiteBuiltinDelegate = 51 };

/* TfLiteXNNPackDelegateOptions: two leading fields kept since TFLite 2.3, then fields that grew per
 * release; "rest" makes this larger than any release's, and structs this large are returned through a
 * caller-allocated buffer (x86_64, aarch64), so the library fills in its own defaults. */
typedef struct { int32_t num_threads; uint32_t flags; char rest[504]; } XnnpackOptions;
enum { XNNPACK_FLAG_QS8 = 0x1, XNNPACK_FLAG_QU8 = 0x2 };

struct edgetpu_device { int type; const char* path; };
struct edgetpu_option { const char* name; const char* value; };

static long created, freed, prepared, delegated_nodes, invocations;
static TfLiteStatus (*xnnpack_prepare)(TfLiteContext*, TfLiteDelegate*);
static TfLiteStatus (*kernel_invoke)(TfLiteContext*, TfLiteNode*);

long standin_counter(const char* name) {
    if (!strcmp(name, "created")) return created;
    if (!strcmp(name, "freed")) return freed;
    if (!strcmp(name, "prepared")) return prepared;
    if (!strcmp(name, "delegated_nodes")) return delegated_nodes;
    if (!strcmp(name, "invocations")) return invocations;
    return -1;
}

struct edgetpu_device* edgetpu_list_devices(size_t* num_devices) {
#ifdef STANDIN_NO_DEVICE
    *num_devices = 0;
    return NULL;
#else
    struct edgetpu_device* d = malloc(sizeof *d);
    d->type = 1; /* EDGETPU_APEX_USB */
    d->path = "/sys/bus/usb/devices/standin";
    *num_devices = 1;
    return d;
#endif
}

void edgetpu_free_devices(struct edgetpu_device* dev) { free(dev); }

const char* edgetpu_version(void) { return "stand-in 1.0"; }

void edgetpu_verbosity(int verbosity) { (void) verbosity; }

/* A write through a null pointer the compiler may not drop: a real SIGSEGV, as a mismatched ABI gives. */
__attribute__((unused)) static void segfault(void) {
    *(volatile int*) 0 = 1;
}

static TfLiteStatus counting_invoke(TfLiteContext* context, TfLiteNode* node) {
    invocations++;
#if defined(STANDIN_CRASH_INVOKE)
    segfault();
#elif defined(STANDIN_HANG_INVOKE)
    for (;;) pause();
#endif
    TfLiteStatus s = kernel_invoke(context, node);
#ifdef STANDIN_WRONG_BYTES
    /* TfLiteTensor's size differs between releases: reach the outputs through TFLite's opaque C API
       (a TfLiteContext is its TfLiteOpaqueContext), which TFLite 2.12 and later export. */
    void* (*get)(void*, int) = (void* (*)(void*, int)) dlsym(RTLD_DEFAULT, "TfLiteOpaqueContextGetOpaqueTensor");
    void* (*data)(void*) = (void* (*)(void*)) dlsym(RTLD_DEFAULT, "TfLiteOpaqueTensorData");
    size_t (*size)(void*) = (size_t (*)(void*)) dlsym(RTLD_DEFAULT, "TfLiteOpaqueTensorByteSize");
    if (get == NULL || data == NULL || size == NULL) return 1; /* kTfLiteError: no way to corrupt, so fail */
    for (int o = 0; o < node->outputs->size; o++) {
        void* t = get(context, node->outputs->data[o]);
        unsigned char* bytes = data(t);
        for (size_t i = 0, n = size(t); i < n; i += 3) bytes[i] ^= 0x40;
    }
#endif
    return s;
}

static TfLiteStatus counting_prepare(TfLiteContext* context, TfLiteDelegate* delegate) {
    prepared++;
    TfLiteStatus s = xnnpack_prepare(context, delegate);
    TfLiteIntArray* plan;
    if (s != 0 || context->GetExecutionPlan(context, &plan) != 0) return s;
    for (int i = 0; i < plan->size; i++) {
        TfLiteNode* node;
        TfLiteRegistration* reg;
        if (context->GetNodeAndRegistration(context, plan->data[i], &node, &reg) == 0
                && reg->builtin_code == kTfLiteBuiltinDelegate && reg->invoke != counting_invoke) {
            delegated_nodes++;
            kernel_invoke = reg->invoke;
            reg->invoke = counting_invoke;
        }
    }
    return s;
}

TfLiteDelegate* edgetpu_create_delegate(int type, const char* name, const struct edgetpu_option* options,
                                        size_t num_options) {
    (void) type; (void) name; (void) options; (void) num_options;
#ifdef STANDIN_CRASH_CREATE
    segfault();
#endif
#ifdef STANDIN_REFUSE
    return NULL;
#endif
    /* TFLite is already loaded (globally, by JNA) when the NPU device asks for a delegate. */
    TfLiteDelegate* (*create)(const XnnpackOptions*) = (TfLiteDelegate* (*)(const XnnpackOptions*)) dlsym(RTLD_DEFAULT, "TfLiteXNNPackDelegateCreate");
    XnnpackOptions (*defaults)(void) = (XnnpackOptions (*)(void)) dlsym(RTLD_DEFAULT, "TfLiteXNNPackDelegateOptionsDefault");
    if (create == NULL || defaults == NULL) return NULL;
    /* The model is int8: TFLite 2.20's XNNPACK takes it by default, 2.12's only with these flags. */
    XnnpackOptions xnnpack_options = defaults();
    xnnpack_options.flags |= XNNPACK_FLAG_QS8 | XNNPACK_FLAG_QU8;
    TfLiteDelegate* d = create(&xnnpack_options);
    if (d == NULL) return NULL;
    xnnpack_prepare = d->Prepare;
    d->Prepare = counting_prepare;
    created++;
    return d;
}

void edgetpu_free_delegate(TfLiteDelegate* delegate) {
    void (*destroy)(TfLiteDelegate*) = (void (*)(TfLiteDelegate*)) dlsym(RTLD_DEFAULT, "TfLiteXNNPackDelegateDelete");
    if (delegate != NULL && destroy != NULL) {
        destroy(delegate);
        freed++;
    }
}
