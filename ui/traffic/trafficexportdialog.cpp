#include "ui/traffic/trafficexportdialog.h"

#include "core/store/socketregistry.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QPushButton>
#include <QVBoxLayout>

namespace ui {

namespace {

constexpr int kNameFilterRole = Qt::UserRole + 1;
constexpr int kSuffixRole = Qt::UserRole + 2;

QComboBox *labelledCombo(QWidget *parent, const QString &name, const QString &toolTip)
{
    auto *combo = new QComboBox(parent);
    combo->setAccessibleName(name);
    combo->setToolTip(toolTip);
    return combo;
}

} // namespace

TrafficExportDialog::TrafficExportDialog(const core::SocketRegistry &sockets, qsizetype shown, qsizetype selected,
                                         QWidget *parent)
    : QDialog(parent)
    , m_form(new QFormLayout)
{
    setWindowTitle(tr("Export traffic"));
    setAccessibleName(tr("Export traffic"));

    m_format = labelledCombo(this, tr("Format"), tr("Text dump with hex, CSV for other tools, a pcapng capture for Wireshark, or the raw bytes"));
    const auto addFormat = [this](const QString &text, Format format, const QString &filter, const char *suffix) {
        m_format->addItem(text, int(format));
        m_format->setItemData(m_format->count() - 1, filter, kNameFilterRole);
        m_format->setItemData(m_format->count() - 1, QLatin1String(suffix), kSuffixRole);
    };
    addFormat(tr("Text dump"), Format::Text, tr("Text dump (*.txt)"), "txt");
    addFormat(tr("CSV"), Format::Csv, tr("CSV (*.csv)"), "csv");
    addFormat(tr("Raw bytes of one socket and direction"), Format::Raw, tr("Raw bytes (*.bin)"), "bin");
    addFormat(tr("pcapng capture (Wireshark)"), Format::Pcapng, tr("pcapng captures (*.pcapng)"), "pcapng");

    m_records = labelledCombo(this, tr("Records"), tr("Which records of the log to write"));
    m_records->addItem(tr("Shown records (%1)").arg(shown), false);
    if (selected > 0)
        m_records->addItem(tr("Selected records (%1)").arg(selected), true);

    m_socket = labelledCombo(this, tr("Socket"), tr("The socket whose bytes are written"));
    for (const core::SocketInfo &info : sockets.snapshot())
        m_socket->addItem(QStringLiteral("%1 (%2)").arg(info.name, info.kindText()), info.id);

    m_direction = labelledCombo(this, tr("Direction"), tr("Received or sent bytes; MSG_PEEK reads are left out"));
    m_direction->addItem(tr("Received (in)"), int(core::Direction::In));
    m_direction->addItem(tr("Sent (out)"), int(core::Direction::Out));

    m_form->addRow(tr("&Format:"), m_format);
    m_form->addRow(tr("&Records:"), m_records);
    m_form->addRow(tr("&Socket:"), m_socket);
    m_form->addRow(tr("&Direction:"), m_direction);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("Choose file\u2026"));
    m_ok->setAccessibleName(tr("Choose file"));
    m_ok->setToolTip(tr("Pick where to write the export"));
    buttons->button(QDialogButtonBox::Cancel)->setAccessibleName(tr("Cancel"));
    buttons->button(QDialogButtonBox::Cancel)->setToolTip(tr("Export nothing"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(m_form);
    layout->addWidget(buttons);

    connect(m_format, &QComboBox::currentIndexChanged, this, &TrafficExportDialog::updateRows);
    updateRows();
}

void TrafficExportDialog::setRawSource(int socketId, core::Direction direction)
{
    const int socket = m_socket->findData(socketId);
    if (socket >= 0)
        m_socket->setCurrentIndex(socket);
    m_direction->setCurrentIndex(m_direction->findData(int(direction)));
}

TrafficExportDialog::Format TrafficExportDialog::format() const
{
    return Format(m_format->currentData().toInt());
}

bool TrafficExportDialog::selectedOnly() const
{
    return m_records->currentData().toBool();
}

int TrafficExportDialog::socketId() const
{
    return m_socket->currentIndex() >= 0 ? m_socket->currentData().toInt() : -1;
}

core::Direction TrafficExportDialog::direction() const
{
    return core::Direction(m_direction->currentData().toInt());
}

QString TrafficExportDialog::nameFilter() const
{
    return m_format->currentData(kNameFilterRole).toString();
}

QString TrafficExportDialog::defaultSuffix() const
{
    return m_format->currentData(kSuffixRole).toString();
}

void TrafficExportDialog::updateRows()
{
    const bool raw = format() == Format::Raw;
    m_form->setRowVisible(m_records, !raw);
    m_form->setRowVisible(m_socket, raw);
    m_form->setRowVisible(m_direction, raw);
    m_ok->setEnabled(!raw || m_socket->count() > 0);
}

} // namespace ui
