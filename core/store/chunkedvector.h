#pragma once

#include <cstddef>
#include <memory>
#include <utility>
#include <vector>

namespace core {

// An append-only sequence kept in chunks of N elements: an element never moves once appended, and
// appending allocates once per N elements. std::deque allocates a node per element once an
// element is larger than 512 bytes / 2 (libstdc++), which was one malloc per journal record.
template<typename T, std::size_t N>
class ChunkedVector
{
public:
    std::size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }

    void push_back(T &&value)
    {
        if (m_size == m_chunks.size() * N)
            m_chunks.push_back(std::make_unique<T[]>(N));
        (*this)[m_size] = std::move(value);
        ++m_size;
    }

    T &operator[](std::size_t i) { return m_chunks[i / N][i % N]; }
    const T &operator[](std::size_t i) const { return m_chunks[i / N][i % N]; }

private:
    std::vector<std::unique_ptr<T[]>> m_chunks;
    std::size_t m_size = 0;
};

} // namespace core
