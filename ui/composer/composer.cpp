#include "ui/composer/composer.h"

#include "core/net/constants.h"
#include "core/recipes/callwatcher.h"
#include "core/session/payloadlibrary.h"
#include "core/text/payload.h"
#include "core/workbench.h"
#include "ui/composer/repeatcontrols.h"
#include "ui/widgets/fieldmessage.h"
#include "ui/widgets/tabchain.h"
#include "ui/widgets/themecolors.h"

#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace ui {

namespace {
constexpr int kHistorySize = 20;
constexpr qint64 kMaxFileBytes = 64 << 20;
} // namespace

Composer::Composer(core::Workbench &workbench, QWidget *parent)
    : QWidget(parent)
    , m_workbench(workbench)
    , m_watcher(new core::CallWatcher(workbench.journal(), this))
    , m_mode(new QComboBox(this))
    , m_stack(new QStackedWidget(this))
    , m_editor(new QPlainTextEdit(this))
    , m_file(new QLineEdit(this))
    , m_preview(new QLabel(this))
    , m_sendTo(new QLineEdit(this))
    , m_sendToError(new FieldMessage(this))
    , m_history(new QComboBox(this))
    , m_status(new QLabel(this))
    , m_repeat(new RepeatControls(workbench, *this, this))
{
    m_mode->addItem(tr("Text"), Text);
    m_mode->addItem(tr("Hex"), Hex);
    m_mode->addItem(tr("File"), File);
    m_mode->setAccessibleName(tr("Payload format"));
    m_mode->setToolTip(tr("Text: UTF-8 with \\r \\n \\t \\0 \\\\ \\xNN escapes · Hex: 48 65 6c, 0x48, 48:65 · File: its bytes"));
    connect(m_mode, &QComboBox::currentIndexChanged, this, [this](int index) { setMode(Mode(index)); });

    m_editor->setAccessibleName(tr("Payload"));
    m_editor->setToolTip(tr("Enter sends; Shift+Enter starts a new line"));
    m_editor->setPlaceholderText(QStringLiteral("GET / HTTP/1.0\\r\\n\\r\\n"));
    m_editor->setTabChangesFocus(true);
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::TypeWriter);
    m_editor->setFont(mono);
    m_editor->installEventFilter(this);
    connect(m_editor, &QPlainTextEdit::textChanged, this, &Composer::updatePreview);

    auto *filePage = new QWidget(this);
    auto *fileRow = new QHBoxLayout(filePage);
    fileRow->setContentsMargins(0, 0, 0, 0);
    m_file->setAccessibleName(tr("Payload file"));
    m_file->setToolTip(tr("The file whose bytes are sent"));
    auto *browse = new QPushButton(tr("Browse…"), filePage);
    browse->setAccessibleName(tr("Browse"));
    browse->setToolTip(tr("Choose the file to send"));
    fileRow->addWidget(m_file, 1);
    fileRow->addWidget(browse);
    connect(m_file, &QLineEdit::textChanged, this, &Composer::updatePreview);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Send a file"), m_file->text(), {}, nullptr,
                                                          QFileDialog::DontUseNativeDialog);
        if (!path.isEmpty())
            m_file->setText(path);
    });
    m_stack->addWidget(m_editor);
    m_stack->addWidget(filePage);

    m_preview->setAccessibleName(tr("Bytes to send"));
    // Two lines, whatever is typed: the buttons below never move while a message is written.
    m_preview->setWordWrap(true);
    m_preview->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    m_preview->setFixedHeight(m_preview->fontMetrics().lineSpacing() * 2 + 2);
    m_preview->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_preview->setTextFormat(Qt::PlainText);
    m_preview->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_sendTo->setAccessibleName(tr("sendto address"));
    m_sendTo->setToolTip(tr("Where sendto() sends: host:port (a host name too), [v6]:port or a UNIX path; picking a "
                            "received record fills it"));
    m_sendTo->setPlaceholderText(tr("host:port — or pick a received datagram in the traffic log"));
    m_sendTo->setMinimumWidth(80);
    m_sendTo->setClearButtonEnabled(true);
    connect(m_sendTo, &QLineEdit::textChanged, this, [this] {
        const QString text = m_sendTo->text().trimmed();
        if (text.isEmpty() || m_socketId < 0) {
            m_sendToError->setMessage({});
            return;
        }
        const auto parsed = core::parseTypedAddress(text, m_workbench.sockets().info(m_socketId).family);
        m_sendToError->setMessage(parsed ? QString() : parsed.error().message);
    });

    m_history->setAccessibleName(tr("History"));
    m_history->setToolTip(tr("Payloads sent before; pick one to load it"));
    m_history->setPlaceholderText(tr("History"));
    m_history->setMinimumContentsLength(12);
    m_history->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    connect(m_history, &QComboBox::activated, this, [this](int index) {
        const QVariantList entry = m_history->itemData(index).toList();
        m_mode->setCurrentIndex(entry.value(0).toInt());
        m_editor->setPlainText(entry.value(1).toString());
        m_file->setText(entry.value(1).toString());
    });

    auto addButton = [this](const QString &label, const QString &python, void (Composer::*slot)()) {
        auto *b = new QPushButton(label, this);
        b->setAccessibleName(label);
        b->setToolTip(python);
        connect(b, &QPushButton::clicked, this, slot);
        m_buttons.append(b);
        return b;
    };
    auto *send = addButton(tr("send"),
                           //: %1 is Python code, shown as it is
                           tr("%1 — returns how many bytes the kernel took").arg(QStringLiteral("sk.send(data)")),
                           &Composer::send);
    auto *sendAll = addButton(tr("sendall"),
                              //: %1 is Python code, shown as it is
                              tr("%1 — loops until every byte is sent").arg(QStringLiteral("sk.sendall(data)")),
                              &Composer::sendAll);
    auto *sendTo = addButton(tr("sendto"), QStringLiteral("sk.sendto(data, address)"), &Composer::sendTo);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    m_status->setFixedHeight(m_status->fontMetrics().lineSpacing() * 2 + 2);
    m_status->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_status->setAccessibleName(tr("Composer status"));
    connect(&workbench.sockets(), &core::SocketRegistry::changed, this, [this] {
        if (m_selected >= 0)
            retarget();
    });

    auto *top = new QHBoxLayout;
    top->addWidget(m_mode, 1);
    top->addWidget(m_history, 1);
    auto *actions = new QHBoxLayout;
    actions->addWidget(send);
    actions->addWidget(sendAll);
    actions->addWidget(sendTo);
    actions->addStretch();
    auto *sendToRow = new QHBoxLayout;
    auto *sendToLabel = new QLabel(tr("sendto &address"), this);
    sendToLabel->setBuddy(m_sendTo);
    sendToRow->addWidget(sendToLabel);
    sendToRow->addWidget(m_sendTo, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addWidget(m_stack, 1);
    layout->addWidget(m_preview);
    layout->addLayout(actions);
    layout->addLayout(sendToRow);
    layout->addWidget(m_sendToError);
    layout->addWidget(m_repeat);
    layout->addWidget(m_status);
    setTabChain({m_mode, m_history, m_stack, send, sendAll, sendTo, m_sendTo, m_repeat});
    setSocket(-1);
    updatePreview();
}

void Composer::setSocket(int socketId)
{
    m_selected = socketId;
    m_targetText.clear(); // retarget() announces the target even when it is the same socket
    retarget();
}

// The composer sends on the selected socket, except a listener: it sends on the connection the
// listener accepted last (a listener has no peer; send() on it raises BrokenPipeError).
void Composer::retarget()
{
    int target = m_selected;
    QString why;
    if (m_selected >= 0) {
        const core::SocketInfo selected = m_workbench.sockets().info(m_selected);
        if (selected.state == core::SocketState::Listening) {
            const int child = m_workbench.sockets().newestOpenChild(m_selected);
            if (child >= 0) {
                target = child;
                why = tr("Sends on %1, the newest connection of listener %2").arg(m_workbench.sockets().info(child).name, selected.name);
            } else {
                why = tr("%1 is a listener: it has no peer to send to, and send() on it raises BrokenPipeError. Its "
                         "connections appear under it; the composer sends on the newest.").arg(selected.name);
            }
        } else {
            why = tr("Sends on %1").arg(selected.name);
        }
    }
    if (target < 0)
        why = tr("Select a socket to send on");
    // Said once per change: an outcome shown since stays until the target changes.
    if (target == m_socketId && why == m_targetText)
        return;
    m_socketId = target;
    m_targetText = why;
    for (QPushButton *b : m_buttons)
        b->setEnabled(target >= 0);
    m_repeat->setEnabled(target >= 0);
    showStatus(why, false);
}

void Composer::showStatus(const QString &text, bool error)
{
    m_status->setText(text);
    m_status->setToolTip(text);
    setErrorText(m_status, error);
}

void Composer::setReplyPeer(int socketId, const core::SocketAddress &peer)
{
    // Only datagram sockets reply with sendto(); a stream's peer is fixed by connect().
    const core::SocketInfo info = m_workbench.sockets().info(socketId);
    if (!peer.isValid() || info.type == core::sock::Stream || info.type == core::sock::SeqPacket)
        return;
    if (socketId != m_selected)
        setSocket(socketId);
    m_sendTo->setText(peer.toText());
}

void Composer::setMode(Mode mode)
{
    if (m_mode->currentIndex() != mode) {
        m_mode->setCurrentIndex(mode); // comes back here through currentIndexChanged
        return;
    }
    if (mode != m_shownMode)
        convertEditor(m_shownMode, mode);
    m_stack->setCurrentIndex(m_shownMode == File ? 1 : 0);
    m_editor->setPlaceholderText(m_shownMode == Hex ? QStringLiteral("47 45 54 20 2f 0d 0a") : QStringLiteral("GET / HTTP/1.0\\r\\n\\r\\n"));
    updatePreview();
}

core::ByteForm Composer::formOf(Mode mode)
{
    return mode == Hex ? core::ByteForm::Hex : mode == File ? core::ByteForm::File : core::ByteForm::Text;
}

Composer::Mode Composer::modeOf(core::ByteForm form)
{
    return form == core::ByteForm::Hex ? Hex : form == core::ByteForm::File ? File : Text;
}

core::ByteForm Composer::payloadForm() const
{
    return formOf(Mode(m_mode->currentIndex()));
}

QString Composer::payloadContent() const
{
    return m_mode->currentIndex() == File ? m_file->text() : m_editor->toPlainText();
}

void Composer::setPayload(core::ByteForm form, const QString &content)
{
    const Mode mode = modeOf(form);
    if (mode != File)
        m_editor->clear(); // nothing for setMode() to convert: content is in its notation already
    setMode(mode);
    if (mode == File)
        m_file->setText(content);
    else
        m_editor->setPlainText(content);
}

// Text and Hex are two ways to write the same bytes: switching rewrites what is in the editor,
// so b'Hello\r\n' stays those 7 bytes. Text that does not decode stays in its mode, and the
// preview says why.
void Composer::convertEditor(Mode from, Mode to)
{
    const bool text = (from == Text && to == Hex) || (from == Hex && to == Text);
    if (text && !m_editor->toPlainText().isEmpty()) {
        const QString typed = m_editor->toPlainText();
        const auto bytes = from == Text ? core::decodeEscapes(typed) : core::decodeHex(typed);
        if (!bytes) {
            const QSignalBlocker quiet(m_mode);
            m_mode->setCurrentIndex(from);
            updatePreview();
            m_preview->setText(tr("Still %1: fix this first, then switch (the bytes would change): %2")
                                   .arg(m_mode->itemText(from), bytes.error().message));
            setErrorText(m_preview, true);
            return;
        }
        const QSignalBlocker quiet(m_editor);
        m_editor->setPlainText(to == Hex ? core::spacedHex(*bytes) : core::editableText(*bytes));
    }
    m_shownMode = to;
}

core::Result<QByteArray> Composer::payload() const
{
    switch (Mode(m_mode->currentIndex())) {
    case Text:
        return core::decodeEscapes(m_editor->toPlainText());
    case Hex:
        return core::decodeHex(m_editor->toPlainText());
    case File: {
        const QString path = m_file->text().trimmed();
        if (path.isEmpty())
            return core::Result<QByteArray>::failure(tr("choose a file to send"));
        QFileInfo info(path);
        if (!info.exists())
            return core::Result<QByteArray>::failure(tr("no file at %1").arg(path));
        if (!info.isFile())
            return core::Result<QByteArray>::failure(tr("%1 is not a regular file").arg(path));
        if (info.size() > kMaxFileBytes)
            return core::Result<QByteArray>::failure(tr("%1 is %2 bytes; the limit is %3").arg(path).arg(info.size()).arg(kMaxFileBytes));
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return core::Result<QByteArray>::failure(tr("cannot read %1: %2").arg(path, file.errorString()));
        return file.readAll();
    }
    }
    return QByteArray();
}

void Composer::updatePreview()
{
    if (m_mode->currentIndex() == File) {
        const QFileInfo info(m_file->text().trimmed());
        const bool ok = info.isFile();
        m_preview->setText(ok ? tr("%n byte(s) from %1", nullptr, int(std::min<qint64>(info.size(), INT_MAX))).arg(info.fileName())
                              : (m_file->text().isEmpty() ? tr("No file chosen") : tr("no file at %1").arg(m_file->text())));
        setErrorText(m_preview, !ok && !m_file->text().isEmpty());
        return;
    }
    const auto bytes = payload();
    if (!bytes) {
        m_preview->setText(tr("Not sendable: %1").arg(bytes.error().message));
        setErrorText(m_preview, true);
        return;
    }
    setErrorText(m_preview, false);
    m_preview->setText(tr("%n byte(s): ", nullptr, int(bytes->size())) + core::pythonBytesLiteral(QByteArrayView(*bytes).first(std::min<qsizetype>(bytes->size(), 512)))
                       + (bytes->size() > 512 ? QStringLiteral("…") : QString()));
}

bool Composer::takePayload(QByteArray *out)
{
    if (m_socketId < 0) {
        showStatus(tr("Select a socket to send on"), true);
        return false;
    }
    const auto bytes = payload();
    if (!bytes) {
        m_preview->setText(tr("Not sendable: %1").arg(bytes.error().message));
        setErrorText(m_preview, true);
        return false;
    }
    *out = bytes.value();
    remember();
    m_tookPayload = true;
    return true;
}

void Composer::remember()
{
    const int mode = m_mode->currentIndex();
    const QString text = mode == File ? m_file->text() : m_editor->toPlainText();
    const QVariantList entry{mode, text};
    const int existing = m_history->findData(entry);
    if (existing >= 0)
        m_history->removeItem(existing);
    QString label = text.simplified();
    if (label.size() > 40)
        label = label.left(40) + QStringLiteral("…");
    m_history->insertItem(0, label, entry);
    while (m_history->count() > kHistorySize)
        m_history->removeItem(m_history->count() - 1);
    m_history->setCurrentIndex(-1);
}

void Composer::showOutcome(const core::CallRecord &r)
{
    QString text = QStringLiteral("%1 → %2").arg(r.call, r.outcome.result);
    if (!r.outcome.note.isEmpty())
        text += QStringLiteral("  # ") + r.outcome.note;
    showStatus(text, r.outcome.status == core::CallStatus::Failed);
}

void Composer::send()
{
    QByteArray data;
    if (takePayload(&data))
        m_watcher->watch(m_workbench.send(m_socketId, data), [this](const core::CallRecord &r) { showOutcome(r); });
}

void Composer::sendAll()
{
    QByteArray data;
    if (takePayload(&data))
        m_watcher->watch(m_workbench.sendAll(m_socketId, data), [this](const core::CallRecord &r) { showOutcome(r); });
}

void Composer::sendTo()
{
    if (m_socketId < 0)
        return;
    const auto address = core::parseTypedAddress(m_sendTo->text(), m_workbench.sockets().info(m_socketId).family);
    if (!address) {
        m_sendToError->setMessage(address.error().message);
        m_sendTo->setFocus();
        return;
    }
    QByteArray data;
    if (takePayload(&data))
        m_watcher->watch(m_workbench.sendTo(m_socketId, data, address.value()), [this](const core::CallRecord &r) { showOutcome(r); });
}

// Enter sends: sendto for a datagram socket with no peer and an address typed, send otherwise.
// What was sent leaves the field (it is in the history) so the next message can be typed at once;
// what could not be sent stays.
void Composer::sendDefault()
{
    const core::SocketInfo info = m_workbench.sockets().info(m_socketId);
    const bool datagram = info.type == core::sock::Dgram;
    m_tookPayload = false;
    if (datagram && !info.peer.isValid() && !m_sendTo->text().trimmed().isEmpty())
        sendTo();
    else
        send();
    if (m_tookPayload && m_mode->currentIndex() != File)
        m_editor->clear();
}

bool Composer::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_editor && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) && !(key->modifiers() & Qt::ShiftModifier)) {
            sendDefault();
            return true;
        }
        if (key->key() == Qt::Key_Up && m_editor->toPlainText().isEmpty() && m_history->count() > 0) {
            // As in a shell: the last message sent comes back to be edited or sent again.
            const QVariantList entry = m_history->itemData(0).toList();
            m_mode->setCurrentIndex(entry.value(0).toInt());
            m_editor->setPlainText(entry.value(1).toString());
            m_editor->moveCursor(QTextCursor::End);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace ui
