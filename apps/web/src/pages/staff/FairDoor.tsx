import { Alert, App, Button, Input, List, Tag } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { IScannerControls } from '@zxing/browser';
import { api, ok } from '../../api/client';
import { ApiError, errorText } from '../../api/errors';
import type { components } from '../../api/schema';
import { dateTimeZh } from '../public/fair-format';

type Fair = components['schemas']['FairView'];
interface QueuedScan {
  ticketCode: string;
  nonce: string;
  scannedAt: string;
}
interface Shown {
  key: string;
  text: string;
  tone: 'green' | 'orange' | 'red' | 'blue';
}

const DEVICE_KEY = 'jsj-door-device';
const queueKey = (fairId: string) => `jsj-door-queue:${fairId}`;

function deviceId(): string {
  let id = localStorage.getItem(DEVICE_KEY);
  if (!id) {
    id = `door-${Math.random().toString(36).slice(2, 10)}`;
    localStorage.setItem(DEVICE_KEY, id);
  }
  return id;
}

const nonce = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
/** The scan time with the China offset (what the API wants), from this device's clock. */
const nowWithOffset = () => `${new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;

function readQueue(fairId: string): QueuedScan[] {
  try {
    return JSON.parse(localStorage.getItem(queueKey(fairId)) ?? '[]') as QueuedScan[];
  } catch {
    return [];
  }
}

/**
 * 入场核验: a ticket's code typed in, or read by a QR scanner that types it (a USB or Bluetooth
 * scanner acts as a keyboard, Enter included). Without a network the scans wait on this device
 * (kept in the browser) and go up as one batch when it is back; the server keeps each person's
 * earliest scan, so nothing is counted twice.
 */
export function FairDoor({ fair }: { fair: Fair }) {
  const { message } = App.useApp();
  const [code, setCode] = useState('');
  const [shown, setShown] = useState<Shown[]>([]);
  const [queued, setQueued] = useState<QueuedScan[]>(() => readQueue(fair.id));
  const [uploading, setUploading] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const show = (text: string, tone: Shown['tone']) =>
    setShown((s) => [{ key: nonce(), text, tone }, ...s].slice(0, 12));
  const enqueue = (scan: QueuedScan) => {
    const next = [...readQueue(fair.id), scan];
    localStorage.setItem(queueKey(fair.id), JSON.stringify(next));
    setQueued(next);
  };

  const upload = useCallback(async () => {
    const pending = readQueue(fair.id);
    if (pending.length === 0) return;
    setUploading(true);
    try {
      const r = await ok(
        api.POST('/api/v1/fairs/{id}/check-ins/batch', {
          params: { path: { id: fair.id } },
          body: { deviceId: deviceId(), scans: pending },
        }),
      );
      // Only what went up leaves the queue (scans made meanwhile stay).
      const sent = new Set(pending.map((p) => p.nonce));
      const rest = readQueue(fair.id).filter((p) => !sent.has(p.nonce));
      localStorage.setItem(queueKey(fair.id), JSON.stringify(rest));
      setQueued(rest);
      void message.success(`离线记录已上传：入场 ${r.accepted} 人，重复 ${r.duplicates}，无效 ${r.unknown}`);
    } catch (err) {
      void message.error(`上传失败：${errorText(err)}`);
    } finally {
      setUploading(false);
    }
  }, [fair.id, message]);

  useEffect(() => {
    const onOnline = () => void upload();
    window.addEventListener('online', onOnline);
    return () => window.removeEventListener('online', onOnline);
  }, [upload]);

  const scan = async (read?: string) => {
    const ticketCode = (read ?? code).trim();
    setCode('');
    input.current?.focus();
    if (!ticketCode) return;
    const s = { ticketCode, nonce: nonce(), scannedAt: nowWithOffset() };
    if (!navigator.onLine) {
      enqueue(s);
      show('离线：已记录，联网后自动上传', 'blue');
      return;
    }
    try {
      const r = await ok(
        api.POST('/api/v1/fairs/{id}/check-ins', {
          params: { path: { id: fair.id } },
          body: { ticketCode, nonce: s.nonce, deviceId: deviceId() },
        }),
      );
      if (r.result === 'checked-in') show(`入场成功 ${dateTimeZh(r.checkedInAt)}`, 'green');
      else show(`已入场过（${dateTimeZh(r.checkedInAt)}）`, 'orange');
    } catch (err) {
      if (err instanceof ApiError && err.status === 0) {
        enqueue(s);
        show('网络中断：已记录，联网后自动上传', 'blue');
      } else if (err instanceof ApiError && err.status === 404) {
        show('无效票码：不是本场招聘会的入场码', 'red');
      } else show(errorText(err), 'red');
    }
  };

  return (
    <div>
      <p className="muted" style={{ marginTop: 0 }}>
        用扫码枪、摄像头或二维码图片识别求职者的入场码，也可手动输入票码后按回车。断网时扫码记录保存在本机，联网后自动上传。
      </p>
      <Input.Search
        ref={(el) => {
          input.current = el?.input ?? null;
        }}
        aria-label="票码"
        placeholder="扫码或输入票码"
        enterButton="核验"
        size="large"
        value={code}
        onChange={(e) => setCode(e.target.value)}
        onSearch={() => void scan()}
        autoFocus
      />
      <QrReaders onCode={(c) => void scan(c)} />
      {queued.length > 0 && (
        <Alert
          type="warning"
          style={{ marginTop: 12 }}
          title={`本机有 ${queued.length} 条离线扫码记录未上传`}
          action={
            <Button size="small" loading={uploading} onClick={() => void upload()}>
              立即上传
            </Button>
          }
        />
      )}
      <List
        style={{ marginTop: 12 }}
        dataSource={shown}
        locale={{ emptyText: '还没有扫码' }}
        renderItem={(s) => (
          <List.Item key={s.key}>
            <Tag color={s.tone}>
              {s.tone === 'green'
                ? '通过'
                : s.tone === 'orange'
                  ? '重复'
                  : s.tone === 'red'
                    ? '无效'
                    : '离线'}
            </Tag>
            {s.text}
          </List.Item>
        )}
      />
    </div>
  );
}

/**
 * The QR code read in the browser (@zxing/browser, loaded when first used): from the device's
 * camera, or from a photo of the ticket. Each code read goes to `onCode`; the camera waits a
 * moment before it reads the same code again.
 */
function QrReaders({ onCode }: { onCode: (code: string) => void }) {
  const { message } = App.useApp();
  const video = useRef<HTMLVideoElement>(null);
  const controls = useRef<IScannerControls | null>(null);
  const last = useRef<{ code: string; at: number }>({ code: '', at: 0 });
  const [camera, setCamera] = useState(false);
  const picker = useRef<HTMLInputElement>(null);

  const stop = () => {
    controls.current?.stop();
    controls.current = null;
    setCamera(false);
  };
  useEffect(() => () => controls.current?.stop(), []);

  const start = async () => {
    try {
      const { BrowserQRCodeReader } = await import('@zxing/browser');
      setCamera(true);
      controls.current = await new BrowserQRCodeReader().decodeFromVideoDevice(
        undefined,
        video.current!,
        (result) => {
          if (!result) return;
          const text = result.getText();
          const now = Date.now();
          if (text === last.current.code && now - last.current.at < 3000) return;
          last.current = { code: text, at: now };
          onCode(text);
        },
      );
    } catch {
      setCamera(false);
      void message.error('无法打开摄像头：请允许使用摄像头，或用扫码枪、图片识别');
    }
  };

  const fromImage = async (file: File) => {
    try {
      // Drawn on a canvas from the file's own bitmap: no object URL, no wait for an <img> to load.
      const bitmap = await createImageBitmap(file);
      const [{ BrowserQRCodeReader }, { DecodeHintType }] = await Promise.all([
        import('@zxing/browser'),
        import('@zxing/library'),
      ]);
      // A photo is read once: worth the harder search (a tilted or small code). The detector
      // misses a few of the clean codes the platform draws (about one in twenty-five, by their
      // content): for those, the image read as a pure code (PURE_BARCODE) finds them all.
      const harder = new BrowserQRCodeReader(new Map([[DecodeHintType.TRY_HARDER, true]]));
      const pure = new BrowserQRCodeReader(new Map([[DecodeHintType.PURE_BARCODE, true]]));
      const canvas = document.createElement('canvas');
      const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
      const draw = (scale: number) => {
        canvas.width = Math.round(bitmap.width * scale);
        canvas.height = Math.round(bitmap.height * scale);
        ctx.imageSmoothingEnabled = scale < 1;
        ctx.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
        return canvas;
      };
      let text: string | null = null;
      let failure: unknown;
      for (const [reader, scale] of [
        [harder, 1],
        [pure, 1],
        [harder, 0.5],
        [harder, 2],
      ] as const) {
        try {
          text = reader.decodeFromCanvas(draw(scale)).getText();
          break;
        } catch (err) {
          failure = err;
        }
      }
      bitmap.close();
      if (text === null) throw failure;
      onCode(text);
    } catch (err) {
      console.warn('QR image not read', err);
      void message.error('图片中没有识别到二维码');
    } finally {
      if (picker.current) picker.current.value = '';
    }
  };

  return (
    <div style={{ marginTop: 12 }}>
      <div className="row-actions">
        {camera ? (
          <Button onClick={stop}>关闭摄像头</Button>
        ) : (
          <Button onClick={() => void start()}>摄像头扫码</Button>
        )}
        <Button onClick={() => picker.current?.click()}>识别二维码图片</Button>
        <input
          ref={picker}
          type="file"
          accept="image/*"
          aria-label="选择二维码图片"
          style={{ display: 'none' }}
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void fromImage(f);
          }}
        />
      </div>
      <video
        ref={video}
        muted
        playsInline
        aria-label="摄像头画面"
        style={{
          display: camera ? 'block' : 'none',
          width: '100%',
          maxWidth: 360,
          marginTop: 8,
          borderRadius: 8,
        }}
      />
    </div>
  );
}
