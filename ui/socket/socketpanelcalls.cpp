// What the Socket panel's buttons do: each makes its call on the Workbench, and the panel tracks
// it and shows its result (or exception) beside the buttons.
#include "ui/socket/socketpanel.h"

#include "core/base/clock.h"
#include "core/net/constants.h"
#include "core/net/errors.h"
#include "core/recipes/callwatcher.h"
#include "core/workbench.h"
#include "ui/socket/optionspanel.h"
#include "ui/widgets/fieldmessage.h"
#include "ui/widgets/tabchain.h"
#include "ui/widgets/themecolors.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSpinBox>
#include <QStringListModel>
#include <QStyle>
#include <QTabWidget>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace ui {

void SocketPanel::track(core::CallId id)
{
    m_lastCall = id;
    m_lastCalls.insert(m_socketId, id);
    showLastCall();
    m_watcher->watch(id, [this](const core::CallRecord &record) {
        if (record.socketId == m_socketId && m_lastCalls.value(m_socketId) == record.id)
            showResult(record);
        emit callFinished(record);
    });
}

// The result box shows the last call made from here on the socket shown: another socket's
// outcome (or its red border) never stays behind when the selection changes.
void SocketPanel::showLastCall()
{
    const core::CallId id = m_lastCalls.value(m_socketId);
    const core::CallRecord record = id ? m_workbench.journal().call(id) : core::CallRecord();
    if (!id || record.id != id) {
        m_result->clear();
        setResultStyle(false);
        return;
    }
    if (record.finished()) {
        showResult(record);
        return;
    }
    m_result->setTextFormat(Qt::PlainText);
    m_result->setText(QStringLiteral(">>> %1\n%2").arg(record.call, tr("… waiting")));
    setResultStyle(false);
}

void SocketPanel::showResult(const core::CallRecord &record)
{
    QString text = QStringLiteral(">>> %1\n%2").arg(record.call, record.outcome.result);
    if (!record.outcome.errorName.isEmpty() && record.outcome.status == core::CallStatus::Failed)
        text += QStringLiteral("   (%1)").arg(record.outcome.errorName);
    if (!record.outcome.note.isEmpty())
        text += QStringLiteral("\n# %1").arg(record.outcome.note);
    m_result->setText(text);
    setResultStyle(record.outcome.status == core::CallStatus::Failed);
}

void SocketPanel::setResultStyle(bool failed)
{
    m_result->setProperty("failed", failed);
    const QString error = ThemeColors::of(palette()).error.name();
    const QString sheet = QStringLiteral("QLabel { background: palette(base); border: 1px solid %1; padding: 4px; "
                                         "font-family: monospace; color: %2; }")
                              .arg(failed ? error : QStringLiteral("palette(mid)"),
                                   failed ? error : QStringLiteral("palette(text)"));
    if (m_result->styleSheet() != sheet)
        m_result->setStyleSheet(sheet);
}

void SocketPanel::setSuggestedStyle()
{
    const QString sheet = QStringLiteral("QPushButton[suggested=\"true\"] { font-weight: bold; border: 2px solid %1; "
                                         "border-radius: 3px; padding: 3px 8px; }")
                              .arg(ThemeColors::of(palette()).ok.name());
    if (styleSheet() != sheet)
        setStyleSheet(sheet);
}

// The style sheets hold colours of the light or the dark theme: made again when the palette changes.
void SocketPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        setSuggestedStyle();
        setResultStyle(m_result->property("failed").toBool());
    }
}

int SocketPanel::recvFlags() const
{
    int flags = 0;
    if (m_peek->isChecked())
        flags |= core::sock::MsgPeek;
    if (m_waitAll->isChecked())
        flags |= core::sock::MsgWaitAll;
    if (m_dontWait->isChecked())
        flags |= core::sock::MsgDontWait;
    if (m_oob->isChecked())
        flags |= core::sock::MsgOob;
    return flags;
}

void SocketPanel::addressCall(core::CallId (core::Workbench::*call)(int, const core::TypedAddress &))
{
    core::TypedAddress address;
    if (!validAddress(&address)) {
        m_address->setFocus();
        return;
    }
    rememberAddress(m_address->text().trimmed());
    track((m_workbench.*call)(m_socketId, address));
}

void SocketPanel::doBind() { addressCall(&core::Workbench::bind); }
void SocketPanel::doConnect() { addressCall(&core::Workbench::connect); }
void SocketPanel::doConnectEx() { addressCall(&core::Workbench::connectEx); }
void SocketPanel::doListen() { track(m_workbench.listen(m_socketId, m_backlog->value())); }
void SocketPanel::doAccept() { track(m_workbench.accept(m_socketId)); }
void SocketPanel::doRecv() { track(m_workbench.recv(m_socketId, m_bufsize->value(), recvFlags())); }
void SocketPanel::doRecvFrom() { track(m_workbench.recvFrom(m_socketId, m_bufsize->value(), recvFlags())); }
void SocketPanel::doShutdown() { track(m_workbench.shutdown(m_socketId, m_how->currentData().toInt())); }
void SocketPanel::doClose() { track(m_workbench.close(m_socketId)); }
void SocketPanel::doSockName() { track(m_workbench.sockName(m_socketId)); }
void SocketPanel::doPeerName() { track(m_workbench.peerName(m_socketId)); }
void SocketPanel::doFileno() { track(m_workbench.fileno(m_socketId)); }
void SocketPanel::doGetTimeout() { track(m_workbench.getTimeout(m_socketId)); }

void SocketPanel::doCancel()
{
    // The waiting call chosen in the list, else the oldest pending call of this socket (what a
    // program blocked on it waits in).
    const QTreeWidgetItem *chosen = m_waiting->currentItem();
    const core::CallId waiting = chosen ? chosen->data(0, Qt::UserRole).toULongLong() : m_workbench.journal().oldestPending(m_socketId);
    if (waiting)
        m_workbench.cancel(waiting);
}

// The waiting list: one row per call of this socket still pending, oldest first; the chosen row
// stays chosen while the list is refreshed.
void SocketPanel::refreshWaiting()
{
    const std::vector<core::CallId> ids = m_socketId >= 0 ? m_workbench.journal().pendingOf(m_socketId)
                                                          : std::vector<core::CallId>();
    const core::CallId selected = m_waiting->currentItem() ? m_waiting->currentItem()->data(0, Qt::UserRole).toULongLong() : 0;
    const qint64 now = core::monoNs();
    int row = 0;
    for (const core::CallId id : ids) {
        const core::CallRecord record = m_workbench.journal().call(id);
        if (record.id != id || record.finished())
            continue;
        QTreeWidgetItem *item = m_waiting->topLevelItem(row);
        if (!item)
            item = new QTreeWidgetItem(m_waiting);
        QString madeBy = record.value ? core::callOriginName(record.value->origin) : QString();
        if (record.value && !record.value->source.isEmpty())
            madeBy += QStringLiteral(", ") + record.value->source.text();
        const QString waited = tr("%1 s").arg(double(now - record.startMonoNs) / 1e9, 0, 'f', 1);
        if (item->data(0, Qt::UserRole).toULongLong() != id) {
            item->setData(0, Qt::UserRole, quint64(id));
            item->setText(0, record.call);
            item->setToolTip(0, record.call);
            item->setText(1, madeBy);
            item->setToolTip(1, madeBy);
        }
        item->setText(2, waited);
        if (id == selected)
            m_waiting->setCurrentItem(item);
        ++row;
    }
    while (m_waiting->topLevelItemCount() > row)
        delete m_waiting->takeTopLevelItem(row);
    m_waitingTitle->setText(row ? tr("&Waiting calls (%1)").arg(row) : tr("&Waiting calls: none"));
    m_cancel->setEnabled(row > 0);
}

void SocketPanel::applyMode()
{
    if (m_socketId < 0 || m_settingMode)
        return;
    if (m_blocking->isChecked())
        track(m_workbench.setBlocking(m_socketId, true));
    else if (m_nonBlocking->isChecked())
        track(m_workbench.setBlocking(m_socketId, false));
    else
        track(m_workbench.setTimeout(m_socketId, m_timeout->value()));
}

} // namespace ui
