#pragma once

#include <cstddef>

namespace core {

// Memory for stores that only grow (the journal's records and calls), mapped with its pages
// already in place (MAP_POPULATE): one system call instead of a page fault for each 4 KiB the
// I/O thread first writes. Throws std::bad_alloc when the system has none to give.
void *mapPopulated(std::size_t bytes);
void unmapPopulated(void *block, std::size_t bytes) noexcept;

} // namespace core
