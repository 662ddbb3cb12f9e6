#pragma once

#include "core/store/trafficstore.h"

#include <QDialog>

class QComboBox;
class QFormLayout;
class QPushButton;

namespace core {
class SocketRegistry;
}

namespace ui {

// Asks what to export from the traffic log: a text dump, CSV or pcapng capture of the shown (or
// selected) records, or the raw bytes one socket moved in one direction. Only gathers the choice; the
// panel picks the file and core/store/trafficexport writes it.
class TrafficExportDialog final : public QDialog
{
    Q_OBJECT
public:
    enum class Format { Text, Csv, Pcapng, Raw };

    TrafficExportDialog(const core::SocketRegistry &sockets, qsizetype shown, qsizetype selected,
                        QWidget *parent = nullptr);

    // Preselects the socket and direction offered for raw bytes.
    void setRawSource(int socketId, core::Direction direction);

    Format format() const;
    bool selectedOnly() const;
    int socketId() const;
    core::Direction direction() const;
    // For the file dialog: "CSV (*.csv)" and "csv".
    QString nameFilter() const;
    QString defaultSuffix() const;

private:
    void updateRows();

    QFormLayout *m_form = nullptr;
    QComboBox *m_format = nullptr;
    QComboBox *m_records = nullptr;
    QComboBox *m_socket = nullptr;
    QComboBox *m_direction = nullptr;
    QPushButton *m_ok = nullptr;
};

} // namespace ui
