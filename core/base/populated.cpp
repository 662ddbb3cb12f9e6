#include "core/base/populated.h"

#include <sys/mman.h>

#include <new>

namespace core {

void *mapPopulated(std::size_t bytes)
{
    void *block = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
    if (block == MAP_FAILED)
        throw std::bad_alloc();
    return block;
}

void unmapPopulated(void *block, std::size_t bytes) noexcept
{
    if (block)
        ::munmap(block, bytes);
}

} // namespace core
