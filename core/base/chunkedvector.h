#pragma once

#include "core/base/populated.h"

#include <cstddef>
#include <new>
#include <utility>
#include <vector>

namespace core {

// An append-only sequence kept in chunks of N elements: an element never moves once appended, and
// appending allocates once per N elements. std::deque allocates a node per element once an
// element is larger than 512 bytes / 2 (libstdc++), which was one malloc per journal record. A
// chunk is mapped with its pages in place (store/populated.h) and its elements are made as they
// are appended.
template<typename T, std::size_t N>
class ChunkedVector
{
public:
    ChunkedVector() = default;
    ChunkedVector(const ChunkedVector &) = delete;
    ChunkedVector &operator=(const ChunkedVector &) = delete;
    ~ChunkedVector()
    {
        for (std::size_t i = 0; i < m_size; ++i)
            (*this)[i].~T();
        for (T *chunk : m_chunks)
            unmapPopulated(chunk, kChunkBytes);
    }

    std::size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }

    void push_back(T &&value)
    {
        if (m_size == m_chunks.size() * N) {
            m_chunks.reserve(m_chunks.size() + 1);
            m_chunks.push_back(static_cast<T *>(mapPopulated(kChunkBytes)));
        }
        ::new (static_cast<void *>(&(*this)[m_size])) T(std::move(value));
        ++m_size;
    }

    T &operator[](std::size_t i) { return m_chunks[i / N][i % N]; }
    const T &operator[](std::size_t i) const { return m_chunks[i / N][i % N]; }

private:
    static constexpr std::size_t kChunkBytes = sizeof(T) * N;
    std::vector<T *> m_chunks;
    std::size_t m_size = 0;
};

} // namespace core
