/** Money is integer fen everywhere; shown as 元 with two decimals only when there are fen. */
export function yuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '—';
  const y = fen / 100;
  return `${Number.isInteger(y) ? y.toLocaleString('zh-CN') : y.toLocaleString('zh-CN', { minimumFractionDigits: 2 })} 元`;
}

export function wageRange(minFen?: number | null, maxFen?: number | null): string {
  if (!minFen && !maxFen) return '面议';
  if (minFen && maxFen && minFen !== maxFen) return `${minFen / 100}–${maxFen / 100} 元/月`;
  return `${(minFen ?? maxFen)! / 100} 元/月`;
}

export function dateText(iso: string | null | undefined): string {
  if (!iso) return '—';
  return iso.slice(0, 10);
}

export function dateTimeText(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return d.toLocaleString('zh-CN', { hour12: false });
}
