#pragma once

#include "core/responder/responder.h"

#include <QWidget>

class QPushButton;
class QSpinBox;

namespace core {
class Workbench;
}

namespace ui {

class Composer;
class FieldMessage;

// Repeated and burst sends of what the composer holds: every N ms (a count, or until stopped) or
// N as fast as the socket takes them. The payload is a template: {counter} counts the sends,
// {time}, {unixtime} and {random} are filled per send. The engine times and sends (a schedule
// of the socket's I/O thread); the Schedules list shows each one and stops it.
class RepeatControls final : public QWidget
{
    Q_OBJECT
public:
    RepeatControls(core::Workbench &workbench, Composer &composer, QWidget *parent = nullptr);

    QSpinBox *intervalBox() const { return m_interval; }
    QSpinBox *countBox() const { return m_count; }
    QPushButton *repeatButton() const { return m_repeat; }
    QPushButton *burstButton() const { return m_burst; }
    FieldMessage *message() const { return m_message; }

    // The schedule the composer's contents make, or why there is none.
    std::variant<core::Schedule, QString> schedule(bool burst) const;

public slots:
    // Starts a schedule of what the composer holds; -1 and a message at the field when it cannot.
    int start(bool burst);

signals:
    void started(int scheduleId);

private:
    core::Workbench &m_workbench;
    Composer &m_composer;
    QSpinBox *m_interval;
    QSpinBox *m_count;
    QPushButton *m_repeat;
    QPushButton *m_burst;
    FieldMessage *m_message;
};

} // namespace ui
