import { Tag } from 'antd';
import type { components } from '../api/schema';

type Flag = components['schemas']['ScreeningFlagView'];

const SHORT: Record<Flag['code'], string> = {
  'fee-asked': '收费',
  'pyramid-words': '传销用语',
  'off-platform-contact': '平台外联系',
  'pay-far-above-usual': '报酬异常',
};

/**
 * 筛查提示: why the listing screen asks for a closer look (fees asked of workers, pyramid-selling
 * words, contact off the platform, pay far above the usual), with the words that matched.
 */
export function ScreeningFlags({
  flags,
  tag = true,
  compact = false,
}: {
  flags: readonly Flag[];
  tag?: boolean;
  /** One short tag per flag with the matched words (for a table cell); the full reason on hover. */
  compact?: boolean;
}) {
  if (flags.length === 0) return null;
  if (compact) {
    return (
      <span aria-label="筛查提示" style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 4, maxWidth: 260 }}>
        {flags.map((f) => (
          <Tag key={f.code} color="orange" title={f.reason}>
            {SHORT[f.code]}
            {f.words.length > 0 && `：${f.words.slice(0, 3).join('、')}`}
          </Tag>
        ))}
      </span>
    );
  }
  return (
    <ul className="reasons" aria-label="筛查提示">
      {flags.map((f) => (
        <li key={f.code}>
          {tag && <Tag color="orange">需核实</Tag>}
          {f.reason}
          {f.words.length > 0 && <span className="muted">（{f.words.join('、')}）</span>}
        </li>
      ))}
    </ul>
  );
}
