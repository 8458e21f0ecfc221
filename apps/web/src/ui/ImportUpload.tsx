import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Checkbox, Progress, Space, Statistic, Table, Tag } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, authHeader, download, ok } from '../api/client';
import { ApiError, errorText } from '../api/errors';
import type { components } from '../api/schema';

type ImportView = components['schemas']['JobPostImportView'];
/** The contract's answer (shared/contracts/job-post-import.md); the schema types it as an empty object. */
interface ImportResult {
  imported: number;
  duplicates: number;
  rejected: number;
  errors: { row: number; column: string; message: string }[];
  unknownColumns?: string[];
}

const MAX_BYTES = 50 * 1024 * 1024;
const ACCEPT = '.xlsx,.csv';

/** Sends the sheet as multipart with XMLHttpRequest, so the page can show how much has gone up. */
function uploadSheet(
  file: File,
  publish: boolean,
  onProgress: (percent: number) => void,
  hold: (xhr: XMLHttpRequest) => void,
): Promise<ImportView> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    hold(xhr);
    xhr.open('POST', `/api/v1/job-posts/imports${publish ? '?publish=true' : ''}`);
    for (const [k, v] of Object.entries(authHeader())) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.min(100, Math.round((e.loaded / e.total) * 100)));
    };
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300 && body) resolve(body as ImportView);
      else reject(new ApiError(xhr.status, body as ConstructorParameters<typeof ApiError>[1]));
    };
    const network = () => reject(new ApiError(0, { error: { code: 'network', message: 'network' } }));
    xhr.onerror = network;
    xhr.onabort = network;
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

/** The Chinese half of a message the API writes as "中文 / English". */
function chineseOf(text: string | null): string | null {
  const zh = text?.split(' / ')[0]?.trim();
  return zh && /[\u4e00-\u9fff]/.test(zh) ? zh : null;
}

function uploadErrorText(err: unknown): string {
  if (err instanceof ApiError && err.status === 403)
    return '批量导入目前只能由人社服务专员办理，请把填好的采集表交给服务专员';
  return errorText(err);
}

/** Buttons for the blank 岗位信息采集表 (public files). */
export function ImportTemplates() {
  const { message } = App.useApp();
  const get = (path: string, name: string) =>
    download(path, name).catch((err: unknown) => void message.error(errorText(err)));
  return (
    <div>
      <p className="muted" style={{ marginTop: 0 }}>
        请先下载《岗位信息采集表》，按表头填写后上传。必填列：单位名称、统一社会信用代码、岗位名称、招聘人数、工作地点。
      </p>
      <Space wrap>
        <Button onClick={() => get('/api/v1/job-posts/imports/template.xlsx', '岗位信息采集表.xlsx')}>
          下载采集表（.xlsx 格式）
        </Button>
        <Button onClick={() => get('/api/v1/job-posts/imports/template.csv', '岗位信息采集表.csv')}>
          下载采集表（.csv 格式）
        </Button>
      </Space>
    </div>
  );
}

/**
 * 批量导入岗位: pick a sheet, upload it with a progress bar, follow the import every second, then
 * the rows that were refused and the result sheet. The upload route finds each row's enterprise by
 * its 统一社会信用代码 and takes no enterprise field, so `enterpriseId` is accepted for the staff
 * pages' sake but not sent.
 */
export function ImportUpload(_props: { enterpriseId?: string }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [publish, setPublish] = useState(false);
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState(0);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [importId, setImportId] = useState<string | null>(null);
  const xhr = useRef<XMLHttpRequest | null>(null);
  const picker = useRef<HTMLInputElement>(null);
  const announced = useRef<string | null>(null);

  useEffect(() => () => xhr.current?.abort(), []);

  const job = useQuery({
    queryKey: ['job-post-import', importId],
    queryFn: () => ok(api.GET('/api/v1/job-posts/imports/{id}', { params: { path: { id: importId! } } })),
    enabled: importId !== null,
    staleTime: 0,
    refetchInterval: (q) => {
      const s = q.state.data?.status;
      return s === 'done' || s === 'failed' ? false : 1000;
    },
  });
  const view = job.data;

  useEffect(() => {
    if (!view || announced.current === view.id) return;
    if (view.status === 'done') {
      announced.current = view.id;
      void message.success(`导入完成：新增岗位 ${view.imported} 个`);
      // New posts, and enterprises registered from the sheet's credit codes.
      void queryClient.invalidateQueries({ queryKey: ['employer', 'posts'] });
      void queryClient.invalidateQueries({ queryKey: ['staff', 'job-posts'] });
      void queryClient.invalidateQueries({ queryKey: ['staff', 'enterprises'] });
    } else if (view.status === 'failed') {
      announced.current = view.id;
      void message.error('导入失败');
    }
  }, [view, message, queryClient]);

  const pick = (f: File) => {
    setUploadError(null);
    if (!/\.(xlsx|csv)$/i.test(f.name)) {
      setUploadError('只能上传 .xlsx 或 .csv 格式的表格文件');
      return;
    }
    if (f.size > MAX_BYTES) {
      setUploadError('文件太大，不能超过 50 兆');
      return;
    }
    setFile(f);
  };

  const start = async () => {
    if (!file) return;
    setSending(true);
    setSent(0);
    setUploadError(null);
    try {
      const v = await uploadSheet(file, publish, setSent, (x) => (xhr.current = x));
      queryClient.setQueryData(['job-post-import', v.id], v);
      setImportId(v.id);
    } catch (err) {
      setUploadError(uploadErrorText(err));
    } finally {
      setSending(false);
      xhr.current = null;
    }
  };

  const reset = () => {
    setFile(null);
    setImportId(null);
    setSent(0);
    setUploadError(null);
  };

  if (importId === null) {
    return (
      <div>
        <input
          ref={picker}
          type="file"
          accept={ACCEPT}
          hidden
          aria-label="选择表格文件"
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f) pick(f);
          }}
        />
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Button disabled={sending} onClick={() => picker.current?.click()}>
            {file ? '重新选择文件' : '选择表格文件（.xlsx 或 .csv）'}
          </Button>
          {file && (
            <div>
              已选择：<b>{file.name}</b>
            </div>
          )}
          <Checkbox checked={publish} disabled={sending} onChange={(e) => setPublish(e.target.checked)}>
            合格的岗位直接发布（不勾选则进入待审核）
          </Checkbox>
          {sending && (
            <div role="status" aria-live="polite">
              <div>正在上传…</div>
              <Progress percent={sent} status="active" aria-label="上传进度" />
            </div>
          )}
          {uploadError && <Alert type="error" showIcon title={uploadError} />}
          <Button type="primary" disabled={!file} loading={sending} onClick={() => void start()}>
            开始导入
          </Button>
        </Space>
      </div>
    );
  }

  if (!view) {
    if (job.isError)
      return (
        <Alert
          type="error"
          showIcon
          title={errorText(job.error)}
          action={
            <Button size="small" onClick={() => void job.refetch()}>
              重试
            </Button>
          }
        />
      );
    return <Progress percent={0} status="active" aria-label="导入进度" />;
  }

  const finished = view.status === 'done' || view.status === 'failed';
  const result = view.status === 'done' ? (view.result as unknown as ImportResult | null) : null;
  const percent = view.status === 'done' ? 100 : (view.percent ?? 0);
  const statusText = {
    queued: '已上传，等待处理…',
    running: '正在导入…',
    done: '导入完成',
    failed: '导入失败',
  }[view.status];

  return (
    <div>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <div role="status" aria-live="polite">
          <div>
            <b>{view.fileName}</b>：{statusText}
          </div>
          <Progress
            percent={Math.round(percent)}
            status={view.status === 'failed' ? 'exception' : finished ? 'success' : 'active'}
            aria-label="导入进度"
          />
          <div className="muted">
            已处理 {view.rowsProcessed.toLocaleString('zh-CN')} 行
            {!finished && view.percent !== null && `，文件已读取约 ${Math.round(view.percent)}%`}
          </div>
        </div>
        {job.isError && !finished && (
          <Alert type="warning" showIcon title="暂时无法获取导入进度，正在重试…" />
        )}
        <Space size="large" wrap>
          <Statistic title="新增岗位" value={view.imported} />
          <Statistic title="重复岗位（已跳过）" value={view.duplicates} />
          <Statistic title="有问题的行" value={view.rejected} />
        </Space>
        {view.status === 'failed' && (
          <Alert
            type="error"
            showIcon
            title="文件无法导入"
            description={chineseOf(view.error) ?? '导入中途出错，请检查文件后重新上传；如仍不行请联系管理员'}
          />
        )}
        {result && (
          <>
            <Alert
              type={result.rejected > 0 ? 'warning' : 'success'}
              showIcon
              title={`新增 ${result.imported} 个岗位，重复 ${result.duplicates} 个，有问题 ${result.rejected} 行`}
              description={
                result.imported > 0
                  ? view.publish
                    ? '新增的岗位已直接发布。'
                    : '新增的岗位已进入待审核，审核通过后公开。'
                  : undefined
              }
            />
            {result.unknownColumns && result.unknownColumns.length > 0 && (
              <Alert
                type="info"
                showIcon
                title="以下列不在采集表中，已忽略"
                description={
                  <Space wrap>
                    {result.unknownColumns.map((c) => (
                      <Tag key={c}>{c}</Tag>
                    ))}
                  </Space>
                }
              />
            )}
            {result.errors.length > 0 && (
              <div>
                <h3 style={{ fontSize: 17, margin: '0 0 8px' }}>未导入的行</h3>
                <Table
                  size="small"
                  rowKey={(e) => `${e.row}-${e.column}-${e.message}`}
                  dataSource={result.errors}
                  pagination={{ pageSize: 10, showSizeChanger: false, hideOnSinglePage: true }}
                  scroll={{ x: 480 }}
                  columns={[
                    { title: '行号', dataIndex: 'row', width: 70 },
                    { title: '列', dataIndex: 'column', width: 130 },
                    { title: '原因', dataIndex: 'message' },
                  ]}
                />
              </div>
            )}
          </>
        )}
        {finished && (
          <Space wrap>
            {view.status === 'done' && (
              <Button
                onClick={() =>
                  void download(
                    `/api/v1/job-posts/imports/${view.id}/result.csv`,
                    `导入结果-${view.fileName.replace(/\.(xlsx|csv)$/i, '')}.csv`,
                  ).catch((err: unknown) => void message.error(errorText(err)))
                }
              >
                下载导入结果表
              </Button>
            )}
            <Button type="primary" onClick={reset}>
              导入其他文件
            </Button>
          </Space>
        )}
      </Space>
    </div>
  );
}
