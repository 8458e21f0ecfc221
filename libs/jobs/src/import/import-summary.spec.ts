import { ImportSummary, createProgress, formatProgress } from './import-summary';

describe('ImportSummary', () => {
  it('produces exactly the contract fields for a clean sheet', () => {
    const s = new ImportSummary();
    s.imported();
    s.imported();
    s.duplicate();
    s.rejected([
      { row: 7, column: '统一社会信用代码', message: '校验码错误' },
      { row: 7, column: '招聘人数', message: '不是正整数' },
    ]);
    s.setUnknownColumns([]);
    expect(JSON.parse(JSON.stringify(s))).toEqual({
      imported: 2,
      duplicates: 1,
      rejected: 1,
      errors: [
        { row: 7, column: '统一社会信用代码', message: '校验码错误' },
        { row: 7, column: '招聘人数', message: '不是正整数' },
      ],
    });
    expect(Object.keys(s.toJSON())).toEqual(['imported', 'duplicates', 'rejected', 'errors']);
    expect(s.processed).toBe(4);
    expect(s.notes()).toEqual([]);
  });

  it('adds unknownColumns once, as a note and not as an error', () => {
    const s = new ImportSummary();
    s.setUnknownColumns(['备注', '序号', '备注']);
    s.setUnknownColumns(['备注', '序号']);
    expect(s.toJSON()).toEqual({
      imported: 0,
      duplicates: 0,
      rejected: 0,
      errors: [],
      unknownColumns: ['备注', '序号'],
    });
    expect(s.notes()).toEqual([expect.stringContaining('备注、序号')]);
  });

  it('returns copies, so a caller cannot alter the tally', () => {
    const s = new ImportSummary();
    s.toJSON().errors.push({ row: 1, column: 'x', message: 'y' });
    expect(s.toJSON().errors).toEqual([]);
  });
});

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  const stream = { isTTY, write: (s: string) => writes.push(s) > 0 } as unknown as NodeJS.WriteStream;
  return { stream, writes };
}

describe('createProgress', () => {
  it('writes nothing when the stream is not a terminal', () => {
    const { stream, writes } = fakeStream(false);
    const p = createProgress(stream);
    p.update({ rows: 10 });
    p.finish({ rows: 10 });
    expect(writes).toEqual([]);
  });

  it('throttles redraws to the interval and ends with a newline', () => {
    const { stream, writes } = fakeStream(true);
    let t = 0;
    const p = createProgress(stream, { now: () => t, intervalMs: 100 });
    for (let i = 1; i <= 1000; i++) {
      t = i; // 1 ms per row: 1 s in all → about 10 redraws
      p.update({ rows: i, bytesRead: i, totalBytes: 2000 });
    }
    expect(writes.length).toBeGreaterThanOrEqual(9);
    expect(writes.length).toBeLessThanOrEqual(11);
    expect(writes.every((w) => w.startsWith('\r\x1b[K'))).toBe(true);
    p.finish();
    expect(writes[writes.length - 2]).toContain('已处理 1,000 行');
    expect(writes[writes.length - 2]).toContain('50%');
    expect(writes[writes.length - 1]).toBe('\n');
  });

  it('formats rows, rate and percent only when the total is known', () => {
    expect(formatProgress({ rows: 12345 }, 3)).toBe('已处理 12,345 行 · 4,115 行/秒');
    expect(formatProgress({ rows: 10, bytesRead: 50, totalBytes: 200 }, 1)).toBe(
      '已处理 10 行 · 10 行/秒 · 25%',
    );
    expect(formatProgress({ rows: 10, bytesRead: 500, totalBytes: 200 }, 1)).toContain('100%');
  });
});
