// Exporting the people as CSV or Excel, and importing a file: read in the page (CSV as UTF-8, or GBK as Excel in
// China saves it), checked by the core, every problem listed by line and column; nothing is imported until the
// file is valid.
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Modal, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportPreview } from '../../../../shared/contract/index.ts';
import { displayText } from '../../../../shared/domain/untrusted-text.ts';
import { csvBlob, downloadFile, xlsxBlob } from '../../download.ts';
import { rosterCommand } from './queries.ts';

/** One browser-mode frame holds about 900,000 characters of file. */
const MAX_CONTENT = 900_000;

async function readFile(file: File): Promise<{ format: 'csv' | 'xlsx'; content: string }> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (/\.xlsx$/i.test(file.name)) {
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return { format: 'xlsx', content: btoa(binary) };
  }
  try {
    return { format: 'csv', content: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { format: 'csv', content: new TextDecoder('gbk').decode(bytes) };
  }
}

export function PeopleFiles({ canImport }: Readonly<{ canImport: boolean }>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<{ format: 'csv' | 'xlsx'; content: string; name: string } | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [busy, setBusy] = useState(false);

  const exportAs = async (format: 'csv' | 'xlsx') => {
    const result = await rosterCommand('roster.exportPeople', { format });
    if (!result.ok) return void message.error(t(`errors.${result.error.code}`));
    downloadFile(
      result.value.fileName,
      format === 'csv' ? csvBlob(result.value.content) : xlsxBlob(result.value.content),
    );
    void message.success(t('roster.exported', { count: result.value.rows }));
  };

  const choose = async (chosen: File) => {
    const read = await readFile(chosen);
    if (read.content.length > MAX_CONTENT) {
      setFile(null);
      setPreview(null);
      void message.error(t('roster.importTooBig'));
      return;
    }
    setBusy(true);
    const result = await rosterCommand('roster.previewImport', read);
    setBusy(false);
    if (!result.ok) return void message.error(t(`errors.${result.error.code}`));
    setFile({ ...read, name: chosen.name });
    setPreview(result.value);
  };

  const apply = async () => {
    if (!file) return;
    setBusy(true);
    const result = await rosterCommand('roster.importPeople', { format: file.format, content: file.content });
    setBusy(false);
    if (!result.ok) return void message.error(t(`errors.${result.error.code}`));
    void message.success(t('roster.imported', result.value));
    setOpen(false);
    setFile(null);
    setPreview(null);
  };

  return (
    <>
      <Button icon={<DownloadOutlined aria-hidden />} onClick={() => void exportAs('csv')}>
        {t('roster.exportCsv')}
      </Button>
      <Button icon={<DownloadOutlined aria-hidden />} onClick={() => void exportAs('xlsx')}>
        {t('roster.exportXlsx')}
      </Button>
      <Button icon={<UploadOutlined aria-hidden />} disabled={!canImport} onClick={() => setOpen(true)}>
        {t('roster.import')}
      </Button>
      <Modal
        open={open}
        title={t('roster.importTitle')}
        onCancel={() => setOpen(false)}
        width={640}
        okText={t('roster.importApply')}
        cancelText={t('roster.cancel')}
        okButtonProps={{
          disabled: !preview || preview.problems.length > 0 || preview.creates + preview.updates === 0,
          loading: busy,
        }}
        onOk={() => void apply()}
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph type="secondary">{t('roster.importHelp')}</Typography.Paragraph>
          <Upload
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            maxCount={1}
            showUploadList={false}
            beforeUpload={(chosen) => {
              void choose(chosen);
              return false;
            }}
          >
            <Button loading={busy}>{t('roster.importChoose')}</Button>
          </Upload>
          {file && <Typography.Text>{displayText(file.name)}</Typography.Text>}
          {preview && (
            <Alert
              className="roster-import-summary"
              type={preview.problems.length > 0 ? 'error' : 'success'}
              showIcon
              title={t('roster.importSummary', preview)}
              description={
                preview.problems.length > 0 ? t('roster.importProblems', { count: preview.problems.length }) : undefined
              }
            />
          )}
          {preview && preview.problems.length > 0 && (
            <Table
              className="roster-import-problems"
              size="small"
              rowKey={(p) => `${p.line}:${p.column}:${p.message}`}
              dataSource={preview.problems}
              pagination={{ pageSize: 8, hideOnSinglePage: true }}
              columns={[
                { title: t('roster.importColumns.line'), dataIndex: 'line', width: 60 },
                { title: t('roster.importColumns.column'), dataIndex: 'column', width: 100 },
                {
                  title: t('roster.importColumns.message'),
                  dataIndex: 'message',
                  render: (text: string) => displayText(text),
                },
              ]}
            />
          )}
        </Space>
      </Modal>
    </>
  );
}
