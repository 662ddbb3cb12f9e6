#include "ui/composer/repeatcontrols.h"

#include "core/net/constants.h"
#include "core/workbench.h"
#include "ui/composer/composer.h"
#include "ui/widgets/fieldmessage.h"
#include "ui/widgets/tabchain.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <limits>

namespace ui {

RepeatControls::RepeatControls(core::Workbench &workbench, Composer &composer, QWidget *parent)
    : QWidget(parent)
    , m_workbench(workbench)
    , m_composer(composer)
    , m_interval(new QSpinBox(this))
    , m_count(new QSpinBox(this))
    , m_repeat(new QPushButton(tr("Repeat"), this))
    , m_burst(new QPushButton(tr("Burst"), this))
    , m_message(new FieldMessage(this))
{
    m_interval->setRange(1, int(std::min<qint64>(core::kMaxScheduleIntervalMs, std::numeric_limits<int>::max())));
    m_interval->setValue(1000);
    m_interval->setSuffix(tr(" ms"));
    m_interval->setAccessibleName(tr("Repeat interval"));
    m_interval->setToolTip(tr("Time between sends: 1 ms up to 24 hours, kept by the socket's I/O thread"));
    m_count->setRange(0, 100'000'000);
    m_count->setValue(10);
    m_count->setSpecialValueText(tr("until stopped"));
    m_count->setAccessibleName(tr("Repeat count"));
    m_count->setToolTip(tr("How many sends in all (0: until stopped; a burst needs a count)"));
    m_repeat->setAccessibleName(tr("Repeat"));
    m_repeat->setToolTip(tr("Send the payload every interval, count times; {counter} in the text counts the sends"));
    m_burst->setAccessibleName(tr("Burst"));
    m_burst->setToolTip(tr("Send the payload count times, each as soon as the one before is sent"));
    connect(m_repeat, &QPushButton::clicked, this, [this] { start(false); });
    connect(m_burst, &QPushButton::clicked, this, [this] { start(true); });

    auto *row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    auto *every = new QLabel(tr("every"), this);
    every->setBuddy(m_interval);
    auto *times = new QLabel(tr("×"), this);
    times->setBuddy(m_count);
    row->addWidget(m_repeat);
    row->addWidget(every);
    row->addWidget(m_interval);
    row->addWidget(times);
    row->addWidget(m_count);
    row->addWidget(m_burst);
    row->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(row);
    layout->addWidget(m_message);
    setTabChain({m_repeat, m_interval, m_count, m_burst});
}

std::variant<core::Schedule, QString> RepeatControls::schedule(bool burst) const
{
    core::Schedule s;
    s.socketId = m_composer.targetSocket();
    if (s.socketId < 0)
        return tr("Select a socket to send on");
    s.form = m_composer.payloadForm();
    s.payload = m_composer.payloadContent();
    s.burst = burst;
    s.intervalMs = m_interval->value();
    s.count = m_count->value();
    const core::SocketInfo info = m_workbench.sockets().info(s.socketId);
    const QString to = m_composer.sendToField()->text().trimmed();
    if (info.type == core::sock::Stream) {
        s.kind = core::CallKind::SendAll;
    } else if (!to.isEmpty()) {
        const auto parsed = core::parseTypedAddress(to, info.family);
        if (!parsed)
            return tr("sendto address: %1").arg(parsed.error().message);
        if (parsed->needsLookup())
            return tr("A schedule sends to an address, not a name: look %1 up first (Lookups)").arg(parsed->hostName);
        s.kind = core::CallKind::SendTo;
        s.address = parsed->address;
    } else {
        s.kind = core::CallKind::Send;
    }
    if (const std::optional<core::ScheduleError> error = core::checkSchedule(s)) {
        if (error->error.position < 0)
            return error->error.message;
        //: %1 is the problem, %2 where it is in the field
        return tr("%1 (at character %2)").arg(error->error.message, QString::number(error->error.position + 1));
    }
    return s;
}

int RepeatControls::start(bool burst)
{
    const auto made = schedule(burst);
    if (const QString *why = std::get_if<QString>(&made)) {
        m_message->setMessage(*why);
        return -1;
    }
    const auto started = m_workbench.startSchedule(std::get<core::Schedule>(made));
    if (const core::ScheduleError *error = std::get_if<core::ScheduleError>(&started)) {
        m_message->setMessage(error->error.message);
        return -1;
    }
    m_message->setMessage({});
    const int id = std::get<int>(started);
    emit this->started(id);
    return id;
}

} // namespace ui
