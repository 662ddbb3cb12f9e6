#include "core/base/coalescer.h"

namespace core {

Coalescer::Coalescer(int intervalMs, QObject *parent)
    : QObject(parent)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(intervalMs);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        // Cleared before emitting so that a poke arriving during the slots schedules again.
        m_scheduled.store(false, std::memory_order_release);
        emit fired();
    });
}

void Coalescer::poke()
{
    if (m_scheduled.exchange(true, std::memory_order_acq_rel))
        return;
    // queued: the timer belongs to this object's thread and pokes come from I/O threads. A member
    // function, not a capturing lambda: what crosses the threads is then only Qt's own call data,
    // handed over inside Qt where ThreadSanitizer cannot see it (tests/sanitizers/tsan.supp).
    QMetaObject::invokeMethod(this, &Coalescer::arm, Qt::QueuedConnection);
}

void Coalescer::arm()
{
    m_timer.start();
}

} // namespace core
