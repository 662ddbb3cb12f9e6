#include "core/base/slabpool.h"

#include "core/base/populated.h"

#include <algorithm>

namespace core {

SlabPool::SlabPool(std::size_t slotSize)
    // Each slot keeps the alignment of malloc's, and room for the free list's link.
    : m_slotSize((std::max(slotSize, sizeof(FreeSlot)) + alignof(std::max_align_t) - 1)
                 / alignof(std::max_align_t) * alignof(std::max_align_t))
{
}

SlabPool::~SlabPool()
{
    for (std::byte *block : m_blocks)
        unmapPopulated(block, kBlockBytes);
}

void *SlabPool::allocate()
{
    std::lock_guard lock(m_mutex);
    ++m_inUse;
    if (m_free) {
        FreeSlot *slot = m_free;
        m_free = slot->next;
        return slot;
    }
    if (m_next == nullptr || std::size_t(m_end - m_next) < m_slotSize) {
        m_blocks.reserve(m_blocks.size() + 1);
        m_blocks.push_back(static_cast<std::byte *>(mapPopulated(kBlockBytes)));
        m_next = m_blocks.back();
        m_end = m_next + kBlockBytes;
    }
    void *slot = m_next;
    m_next += m_slotSize;
    return slot;
}

void SlabPool::deallocate(void *slot) noexcept
{
    std::lock_guard lock(m_mutex);
    --m_inUse;
    m_free = ::new (slot) FreeSlot{m_free};
}

std::size_t SlabPool::inUse() const
{
    std::lock_guard lock(m_mutex);
    return m_inUse;
}

} // namespace core
