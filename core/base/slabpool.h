#pragma once

#include <cstddef>
#include <mutex>
#include <new>
#include <vector>

namespace core {

// Slots of one size carved from blocks of 1 MiB, for values made by the ten thousand a second and
// kept: the journal's calls. A freed slot is reused; blocks are kept until the process ends.
// Thread-safe.
//
// Why not malloc: glibc grows a thread's arena one page per mprotect(), and in a process with
// several threads each mprotect() costs a TLB flush on every CPU. A responder answering 100,000
// requests (each reply a journaled call kept) grew its I/O thread's arena 15,000 times, a fifth
// of that thread's time. A block is one mapping, its pages in place (store/populated.h).
//
// Under AddressSanitizer slots are not pooled (SlabAllocator goes to operator new), so a use after
// free is still caught.
class SlabPool
{
public:
    explicit SlabPool(std::size_t slotSize);
    ~SlabPool();
    SlabPool(const SlabPool &) = delete;
    SlabPool &operator=(const SlabPool &) = delete;

    void *allocate();
    void deallocate(void *slot) noexcept;
    std::size_t slotSize() const { return m_slotSize; }
    std::size_t inUse() const;

    static constexpr std::size_t kBlockBytes = std::size_t(1) << 20;
#if defined(__SANITIZE_ADDRESS__)
    static constexpr bool kPooling = false;
#else
    static constexpr bool kPooling = true;
#endif

private:
    struct FreeSlot
    {
        FreeSlot *next;
    };
    const std::size_t m_slotSize;
    mutable std::mutex m_mutex;
    FreeSlot *m_free = nullptr;
    std::byte *m_next = nullptr; // the current block's unused part
    std::byte *m_end = nullptr;
    std::size_t m_inUse = 0;
    std::vector<std::byte *> m_blocks; // store/populated.h
};

// An allocator over a SlabPool, for std::allocate_shared. What does not fit a slot (another type
// after rebinding, an array) goes to operator new, as it does under AddressSanitizer.
template <typename T>
class SlabAllocator
{
public:
    using value_type = T;

    explicit SlabAllocator(SlabPool &pool) noexcept
        : m_pool(&pool)
    {
    }
    template <typename U>
    SlabAllocator(const SlabAllocator<U> &other) noexcept
        : m_pool(other.pool())
    {
    }

    T *allocate(std::size_t n)
    {
        if (fits(n))
            return static_cast<T *>(m_pool->allocate());
        return static_cast<T *>(::operator new(n * sizeof(T), std::align_val_t(alignof(T))));
    }
    void deallocate(T *p, std::size_t n) noexcept
    {
        if (fits(n))
            m_pool->deallocate(p);
        else
            ::operator delete(p, std::align_val_t(alignof(T)));
    }

    SlabPool *pool() const noexcept { return m_pool; }
    template <typename U>
    bool operator==(const SlabAllocator<U> &other) const noexcept
    {
        return m_pool == other.pool();
    }

private:
    bool fits(std::size_t n) const
    {
        return SlabPool::kPooling && n == 1 && sizeof(T) <= m_pool->slotSize()
            && alignof(T) <= alignof(std::max_align_t);
    }

    SlabPool *m_pool;
};

} // namespace core
