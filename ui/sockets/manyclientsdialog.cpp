#include "ui/sockets/manyclientsdialog.h"

#include "core/net/constants.h"
#include "core/text/payload.h"
#include "ui/widgets/fieldmessage.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

namespace ui {

namespace {

constexpr qsizetype kPreviewBytes = 64;

struct Kind
{
    const char *label;
    const int &family; // the constants are the kernel's, defined in core
    const int &type;
};

const Kind kKinds[] = {
    {QT_TRANSLATE_NOOP("ui::ManyClientsDialog", "TCP"), core::sock::AfInet, core::sock::Stream},
    {QT_TRANSLATE_NOOP("ui::ManyClientsDialog", "TCP6"), core::sock::AfInet6, core::sock::Stream},
    {QT_TRANSLATE_NOOP("ui::ManyClientsDialog", "UDP"), core::sock::AfInet, core::sock::Dgram},
    {QT_TRANSLATE_NOOP("ui::ManyClientsDialog", "UDP6"), core::sock::AfInet6, core::sock::Dgram},
    {QT_TRANSLATE_NOOP("ui::ManyClientsDialog", "UNIX stream"), core::sock::AfUnix, core::sock::Stream},
    {QT_TRANSLATE_NOOP("ui::ManyClientsDialog", "UNIX datagram"), core::sock::AfUnix, core::sock::Dgram},
};

} // namespace

ManyClientsDialog::ManyClientsDialog(const QList<core::SavedPayload> &saved, QWidget *parent)
    : QDialog(parent)
    , m_savedPayloads(saved)
    , m_kind(new QComboBox(this))
    , m_address(new QLineEdit(QStringLiteral("127.0.0.1:8080"), this))
    , m_addressMessage(new FieldMessage(this))
    , m_count(new QSpinBox(this))
    , m_payloadChoice(new QComboBox(this))
    , m_payloadText(new QLineEdit(this))
    , m_saved(new QComboBox(this))
    , m_payloadMessage(new FieldMessage(this))
    , m_preview(new QLabel(this))
{
    setWindowTitle(tr("Connect N clients"));
    for (const Kind &kind : kKinds)
        m_kind->addItem(tr(kind.label));
    m_kind->setAccessibleName(tr("Kind"));
    m_kind->setToolTip(tr("What each client is: socket.socket(family, type)"));
    m_address->setAccessibleName(tr("Address"));
    m_address->setToolTip(tr("Where every client connects: host:port (a host name is looked up once), [v6]:port, "
                             "or a UNIX path or @abstract name"));
    m_addressMessage->setAccessibleName(tr("Address message"));
    m_count->setRange(core::kMinClients, core::kMaxClients);
    m_count->setValue(10);
    m_count->setGroupSeparatorShown(true);
    m_count->setAccessibleName(tr("Number of clients"));
    m_count->setToolTip(tr("From %1 to %2 clients, each a socket of its own (and, on a local server, one more "
                           "descriptor for its accepted end)").arg(core::kMinClients).arg(core::kMaxClients));
    m_payloadChoice->addItem(tr("None"));
    m_payloadChoice->addItem(tr("Text"));
    m_payloadChoice->addItem(tr("Hex"));
    m_payloadChoice->addItem(tr("Saved payload"));
    m_payloadChoice->setAccessibleName(tr("Payload on connect"));
    m_payloadChoice->setToolTip(tr("What each client sends once connected: sendall() on a stream, send() on datagrams"));
    m_payloadText->setAccessibleName(tr("Payload"));
    m_payloadText->setToolTip(tr("Text: UTF-8 with \\r \\n \\t \\0 \\\\ \\xNN escapes · Hex: 48 65 6c, 0x48, 48:65"));
    for (const core::SavedPayload &p : saved)
        m_saved->addItem(p.name);
    m_saved->setAccessibleName(tr("Saved payload"));
    m_saved->setToolTip(tr("The saved payloads of this session and of all sessions (the Payloads panel)"));
    m_payloadMessage->setAccessibleName(tr("Payload message"));
    m_preview->setAccessibleName(tr("Payload bytes"));
    m_preview->setTextFormat(Qt::PlainText);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_connect = buttons->addButton(tr("&Connect"), QDialogButtonBox::AcceptRole);
    m_connect->setAccessibleName(tr("Connect"));
    m_connect->setDefault(true);
    buttons->button(QDialogButtonBox::Cancel)->setAccessibleName(tr("Cancel"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *payloadRow = new QHBoxLayout;
    payloadRow->addWidget(m_payloadChoice);
    payloadRow->addWidget(m_payloadText, 1);
    payloadRow->addWidget(m_saved, 1);
    auto *form = new QFormLayout(this);
    form->addRow(tr("&Kind"), m_kind);
    form->addRow(tr("&Address"), m_address);
    form->addRow(QString(), m_addressMessage);
    form->addRow(tr("&Clients"), m_count);
    form->addRow(tr("&Payload on connect"), payloadRow);
    form->addRow(QString(), m_payloadMessage);
    form->addRow(QString(), m_preview);
    auto *hint = new QLabel(tr("Each client is socket(), connect() and watched, then sends the payload; the clients "
                               "show as one group in the Sockets tree, where they can be closed, shut down or sent "
                               "to at once."), this);
    hint->setWordWrap(true);
    form->addRow(hint);
    form->addRow(buttons);
    resize(480, sizeHint().height());

    connect(m_kind, &QComboBox::currentIndexChanged, this, &ManyClientsDialog::checkAddress);
    connect(m_address, &QLineEdit::textChanged, this, &ManyClientsDialog::checkAddress);
    connect(m_payloadChoice, &QComboBox::currentIndexChanged, this, &ManyClientsDialog::checkPayload);
    connect(m_payloadText, &QLineEdit::textChanged, this, &ManyClientsDialog::checkPayload);
    connect(m_saved, &QComboBox::currentIndexChanged, this, &ManyClientsDialog::checkPayload);
    checkAddress();
    checkPayload();
}

void ManyClientsDialog::setAddressText(const QString &text)
{
    const QString trimmed = text.trimmed();
    const bool path = trimmed.startsWith(QLatin1Char('/')) || trimmed.startsWith(QLatin1Char('@'));
    const int current = m_kind->currentIndex();
    const bool stream = kKinds[current].type == core::sock::Stream;
    const int family = path ? core::sock::AfUnix : trimmed.startsWith(QLatin1Char('[')) ? core::sock::AfInet6 : core::sock::AfInet;
    for (int i = 0; i < int(std::size(kKinds)); ++i) {
        if (kKinds[i].family == family && (kKinds[i].type == core::sock::Stream) == stream) {
            m_kind->setCurrentIndex(i);
            break;
        }
    }
    m_address->setText(trimmed);
}

core::ClientGroupSpec ManyClientsDialog::spec() const
{
    const Kind &kind = kKinds[m_kind->currentIndex()];
    core::ClientGroupSpec spec;
    spec.family = kind.family;
    spec.type = kind.type;
    spec.address = m_target.value_or(core::TypedAddress());
    spec.count = m_count->value();
    spec.payload = m_payload.value_or(QByteArray());
    return spec;
}

void ManyClientsDialog::checkAddress()
{
    m_target.reset();
    const auto parsed = core::parseTypedAddress(m_address->text().trimmed(), kKinds[m_kind->currentIndex()].family);
    QString problem = parsed ? QString() : parsed.error().message;
    if (parsed) {
        m_target = parsed.value();
        // What the core refuses beyond the address's syntax (port 0, an unnamed UNIX address).
        const auto refused = core::checkClientGroup(spec());
        if (refused && refused->field == core::ClientGroupField::Address) {
            problem = refused->error.message;
            m_target.reset();
        }
    }
    m_addressMessage->setMessage(problem);
    updateButton();
}

void ManyClientsDialog::checkPayload()
{
    const int choice = m_payloadChoice->currentIndex();
    m_payloadText->setVisible(choice == TextPayload || choice == HexPayload);
    m_saved->setVisible(choice == SavedPayload);
    m_payload.reset();
    QString problem;
    if (choice == NoPayload) {
        m_payload = QByteArray();
    } else if (choice == SavedPayload) {
        if (m_saved->currentIndex() < 0) {
            problem = tr("No saved payloads: save one in the Payloads panel first");
        } else {
            const auto bytes = core::payloadBytes(m_savedPayloads.at(m_saved->currentIndex()));
            if (bytes)
                m_payload = bytes.value();
            else
                problem = bytes.error().message;
        }
    } else {
        const QString text = m_payloadText->text();
        const auto bytes = choice == TextPayload ? core::decodeEscapes(text) : core::decodeHex(text);
        if (!bytes)
            problem = bytes.error().message;
        else if (bytes->isEmpty())
            problem = tr("Type the bytes each client sends, or choose None");
        else
            m_payload = bytes.value();
    }
    m_payloadMessage->setMessage(problem);
    if (m_payload && !m_payload->isEmpty()) {
        const QByteArrayView shown = QByteArrayView(*m_payload).first(std::min(m_payload->size(), kPreviewBytes));
        m_preview->setText(tr("each sends %n byte(s): ", nullptr, int(m_payload->size())) + core::pythonBytesLiteral(shown)
                           + (m_payload->size() > kPreviewBytes ? QStringLiteral("…") : QString()));
    } else {
        m_preview->setText(m_payload ? tr("each only connects") : QString());
    }
    updateButton();
}

void ManyClientsDialog::updateButton()
{
    if (m_connect)
        m_connect->setEnabled(m_target.has_value() && m_payload.has_value());
}

} // namespace ui
