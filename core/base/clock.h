#pragma once

#include <QtGlobal>

#include <chrono>

namespace core {

// Nanosecond clocks: wall time for display, monotonic time for durations and deadlines.
inline qint64 wallNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::system_clock::now().time_since_epoch()).count();
}

inline qint64 monoNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch()).count();
}

} // namespace core
