#pragma once

#include <QObject>
#include <QTimer>

#include <atomic>

namespace core {

// Turns any number of "something changed" pokes, from any thread, into at most one fired()
// signal per interval on the thread the coalescer lives in. Writers never block and never emit.
class Coalescer final : public QObject
{
    Q_OBJECT
public:
    explicit Coalescer(int intervalMs = 16, QObject *parent = nullptr);

    void poke();

signals:
    void fired();

private:
    void arm();

    std::atomic<bool> m_scheduled{false};
    QTimer m_timer;
};

} // namespace core
