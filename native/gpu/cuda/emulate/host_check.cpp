// Runs every registered host check (host_check.h), each with its own generator of the same seed so a
// check's inputs do not depend on the others, then fails every kernel of the sources (kernels.inc, which
// kernel_table.sh generates from them) that no check covers and every check that names a kernel they lack.
// Built and run by run.sh; exits 1 when anything failed.
#include "host_check.h"

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

namespace host_check {
namespace {

struct Check {
    std::string name;
    std::vector<std::string> kernels;
    void (*run)(std::mt19937& rng);
};

std::vector<Check>& checks() {
    static std::vector<Check> all;
    return all;
}

int failures = 0;

struct Kernel {
    const char* name;
    const char* source;
};

// The kernels of the sources run.sh was given.
const Kernel kSourceKernels[] = {
#include "kernels.inc"
};

}  // namespace

void fail(const std::string& what) {
    std::fprintf(stderr, "FAIL %s\n", what.c_str());
    failures++;
}

int add(const char* name, const char* kernels, void (*run)(std::mt19937& rng)) {
    Check c{name, {}, run};
    std::istringstream words(kernels);
    for (std::string k; words >> k;) c.kernels.push_back(k);
    checks().push_back(c);
    return (int) checks().size();
}

}  // namespace host_check

int main() {
    using namespace host_check;
    // Static initializers register the checks in an order the linker picks: run them by name.
    std::sort(checks().begin(), checks().end(), [](const Check& a, const Check& b) { return a.name < b.name; });
    std::map<std::string, std::string> sources;
    for (const Kernel& k : kSourceKernels) sources[k.name] = k.source;
    std::set<std::string> covered;
    for (const Check& c : checks()) {
        std::printf("---- %s\n", c.name.c_str());
        std::mt19937 rng(20240611);
        c.run(rng);
        for (const std::string& k : c.kernels) {
            if (sources.count(k) == 0) fail("check " + c.name + " names kernel " + k + ", which no source given to run.sh has");
            covered.insert(k);
        }
    }
    for (const auto& [name, source] : sources) {
        if (covered.count(name) == 0) fail("kernel " + name + " of " + source + " has no host check (HOST_CHECK naming it)");
    }
    if (failures > 0) {
        std::fprintf(stderr, "%d check(s) failed\n", failures);
        return 1;
    }
    std::printf("all host checks passed (%zu checks, %zu kernels)\n", checks().size(), sources.size());
    return 0;
}
