// What the Socket panel's buttons do: each makes its call on the Workbench, and the panel tracks
// it and shows its result (or exception) beside the buttons.
#include "ui/socket/socketpanel.h"

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
    // The waiting call is the oldest pending call of this socket.
    if (const core::CallId waiting = m_workbench.journal().oldestPending(m_socketId))
        m_workbench.cancel(waiting);
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
