/**
 * The plan's targets (目标任务, 稷政办发〔2023〕24号 table B) as the public page and the staff console
 * show them: the year, the summary, one card per target with its progress, the monthly trend
 * (ECharts) and the township figures of a chosen target. Staff pass `onRecords`: each figure then
 * opens the records behind it.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Empty, Progress, Table, Tag } from 'antd';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { api, ok } from '../../api/client';
import { ApiError } from '../../api/errors';
import type { components } from '../../api/schema';
import { QueryState } from '../../ui/states';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

type S = components['schemas'];
export type TargetsData = S['TargetsView'];
export type Target = S['TargetView'];
type Month = S['MonthFigureView'];
type TownshipFigure = S['TownshipFigureView'];

/** What a staff member asked to see: a target's records, for a month or a township when given. */
export interface RecordsAsk {
  target: Target;
  year: number;
  asOf: string;
  month?: string;
  townshipCode?: string;
  townshipName?: string;
}

const STATUS_COLOR: Record<Target['status'], string | undefined> = {
  met: 'green',
  'on-track': 'blue',
  behind: 'orange',
  missed: 'red',
  'not-tracked': undefined,
};

const BAR_COLOR: Record<Target['status'], string> = {
  met: '#389e0d',
  'on-track': '#1456b8',
  behind: '#d46b08',
  missed: '#c41d1f',
  'not-tracked': '#8c8c8c',
};

/** The year in China now (the API's default year). */
export function chinaYear(): number {
  const year = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' })
    .formatToParts(new Date())
    .find((p) => p.type === 'year')?.value;
  return Number(year ?? new Date().getFullYear());
}

/** 2023-11-30 → 2023年11月30日. */
export function dayText(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** 2023-11 → 11月 (with the year when asked). */
export function monthText(month: string, withYear = false): string {
  const [y, m] = month.split('-').map(Number);
  return withYear ? `${y}年${m}月` : `${m}月`;
}

const percentOf = (t: Target): number => (t.share === null ? 0 : Math.round(t.share * 100));

/** The steady pace to the due date by the end of month `m` (1…12); a state (stations, families) is due in full. */
function paceAt(t: Target, m: number): number {
  if (!t.paced) return t.target;
  const dueMonth = Number(t.due.slice(5, 7)) || 12;
  return Math.round(t.target * Math.min(1, m / dueMonth) * 10) / 10;
}

/** GET /api/v1/targets of a year (the current one when none asked); the last year's figures stay while the next load. */
export function useTargets(year?: number) {
  return useQuery({
    queryKey: ['targets', 'figures', year ?? 'current'],
    queryFn: () => ok(api.GET('/api/v1/targets', { params: { query: year ? { year } : {} } })),
    placeholderData: keepPreviousData,
  });
}

/** The whole dashboard: year, notice, summary, the targets, and the chosen target's trend. */
export function TargetsDashboard({
  year,
  onYear,
  onRecords,
}: {
  year?: number;
  onYear: (year: number) => void;
  onRecords?: (ask: RecordsAsk) => void;
}) {
  const query = useTargets(year);
  const known = useRef<number[]>([]);
  if (query.data) known.current = query.data.years;
  const shown = year ?? query.data?.year ?? chinaYear();
  const years = [...new Set([...known.current, chinaYear(), shown])].sort((a, b) => b - a);
  const noTargets = query.error instanceof ApiError && query.error.code === 'no-targets';
  return (
    <>
      <div
        style={{ display: 'flex', flexWrap: 'wrap', gap: '8px 16px', alignItems: 'center', marginBottom: 12 }}
      >
        <label style={{ display: 'inline-flex', alignItems: 'center', gap: 8 }}>
          年度
          <select
            className="native-select"
            style={{ width: 'auto', minWidth: 120 }}
            value={shown}
            onChange={(e) => onYear(Number(e.target.value))}
          >
            {years.map((y) => (
              <option key={y} value={y}>
                {y}年
              </option>
            ))}
          </select>
        </label>
        {query.data && !query.isPlaceholderData && (
          <span className="muted">
            统计截至{dayText(query.data.asOf)} · 依据{query.data.policy.document}
          </span>
        )}
      </div>
      {noTargets ? (
        <Empty description={`${shown}年没有发布目标任务`} />
      ) : (
        <QueryState query={query}>
          {(d) => <Figures key={d.year} data={d} onRecords={onRecords} />}
        </QueryState>
      )}
    </>
  );
}

function Figures({ data, onRecords }: { data: TargetsData; onRecords?: (ask: RecordsAsk) => void }) {
  const tracked = data.targets.filter((t) => t.status !== 'not-tracked');
  const [chosen, setChosen] = useState<string | undefined>(tracked[0]?.id);
  const trend = useRef<HTMLElement>(null);
  const target = tracked.find((t) => t.id === chosen) ?? tracked[0];
  const ask = (t: Target, more: Partial<RecordsAsk> = {}) =>
    onRecords?.({ target: t, year: data.year, asOf: data.asOf, ...more });
  const s = data.summary;
  return (
    <>
      {data.carriedFrom !== null && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={`本年度目标尚未发布，沿用${data.carriedFrom}年度目标`}
        />
      )}
      <ul
        aria-label="完成情况汇总"
        style={{
          listStyle: 'none',
          padding: 0,
          margin: '0 0 16px',
          display: 'flex',
          flexWrap: 'wrap',
          gap: 8,
        }}
      >
        {(
          [
            ['已完成', s.met, 'met'],
            ['进度正常', s.onTrack, 'on-track'],
            ['进度滞后', s.behind, 'behind'],
            ['未完成', s.missed, 'missed'],
            ['平台未统计', s.notTracked, 'not-tracked'],
          ] as const
        ).map(([name, n, status]) => (
          <li
            key={status}
            style={{
              border: '1px solid #e3e7ee',
              borderTop: `4px solid ${BAR_COLOR[status]}`,
              borderRadius: 8,
              background: '#fff',
              padding: '6px 12px',
              minWidth: 92,
              flex: '1 1 92px',
            }}
          >
            <div className="muted">{name}</div>
            <div style={{ fontSize: 24, fontWeight: 700 }}>
              {n}
              <span style={{ fontSize: 16, fontWeight: 400 }}> 项</span>
            </div>
          </li>
        ))}
      </ul>
      <ul
        aria-label="目标任务"
        style={{
          listStyle: 'none',
          padding: 0,
          margin: '0 0 16px',
          display: 'grid',
          gap: 12,
          gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 340px), 1fr))',
        }}
      >
        {data.targets.map((t) => (
          <TargetCard
            key={t.id}
            target={t}
            chosen={t.id === target?.id}
            onRecords={onRecords ? () => ask(t) : undefined}
            onTrend={() => {
              setChosen(t.id);
              trend.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
            }}
          />
        ))}
      </ul>
      <section ref={trend} className="panel" aria-labelledby="trend-title" style={{ scrollMarginTop: 64 }}>
        <h2 id="trend-title" style={{ fontSize: 18, marginTop: 0 }}>
          月度进展
        </h2>
        {target ? (
          <>
            <label
              style={{ display: 'flex', flexDirection: 'column', gap: 4, maxWidth: 420, marginBottom: 8 }}
            >
              目标任务
              <select className="native-select" value={target.id} onChange={(e) => setChosen(e.target.value)}>
                {tracked.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.clause} {t.name}
                  </option>
                ))}
              </select>
            </label>
            <TrendChart
              target={target}
              year={data.year}
              onMonth={onRecords ? (month) => ask(target, { month }) : undefined}
            />
            <div
              style={{
                display: 'grid',
                gap: 16,
                gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 320px), 1fr))',
              }}
            >
              <MonthTable
                target={target}
                onMonth={onRecords ? (month) => ask(target, { month }) : undefined}
              />
              <TownshipTable
                target={target}
                onTownship={
                  onRecords ? (f) => ask(target, { townshipCode: f.code, townshipName: f.name }) : undefined
                }
              />
            </div>
          </>
        ) : (
          <p className="muted">本年度的目标任务平台均未统计。</p>
        )}
      </section>
    </>
  );
}

/** A figure: plain text, or for staff a button opening the records behind it. */
function Figure({
  value,
  label,
  onOpen,
  big,
}: {
  value: ReactNode;
  label: string;
  onOpen?: () => void;
  big?: boolean;
}) {
  const style = { fontSize: big ? 20 : 16, fontWeight: 600 };
  if (!onOpen) return <span style={style}>{value}</span>;
  return (
    <Button
      type="link"
      aria-label={label}
      onClick={onOpen}
      style={{ ...style, padding: '0 6px', minHeight: 44, minWidth: 44, textDecoration: 'underline' }}
    >
      {value}
    </Button>
  );
}

export function TargetCard({
  target: t,
  chosen,
  onTrend,
  onRecords,
}: {
  target: Target;
  chosen?: boolean;
  onTrend?: () => void;
  onRecords?: () => void;
}) {
  const tracked = t.status !== 'not-tracked';
  const pct = percentOf(t);
  const goal = t.targetIsAll ? `全部 ${t.target} ${t.unit}` : `${t.target} ${t.unit}`;
  return (
    <li
      className="panel"
      aria-label={`${t.clause} ${t.name}`}
      style={{
        margin: 0,
        display: 'flex',
        flexDirection: 'column',
        gap: 4,
        borderColor: chosen ? '#1456b8' : undefined,
      }}
    >
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'flex-start' }}>
        <h3 style={{ fontSize: 18, margin: 0, lineHeight: 1.4 }}>
          <span className="muted" style={{ fontWeight: 400, marginRight: 6, fontSize: 16 }}>
            {t.clause}
          </span>
          {t.name}
        </h3>
        <Tag color={STATUS_COLOR[t.status]} style={{ fontSize: 16, lineHeight: '26px', marginInlineEnd: 0 }}>
          {t.statusName}
        </Tag>
      </div>
      {tracked ? (
        <>
          <div
            style={{
              display: 'flex',
              justifyContent: 'space-between',
              alignItems: 'center',
              flexWrap: 'wrap',
              minHeight: 44,
            }}
          >
            <span>
              完成{onRecords && t.actual ? '' : ' '}
              <Figure
                big
                value={t.actual}
                label={`${t.actual} ${t.unit}，查看${t.name}的记录`}
                onOpen={t.actual ? onRecords : undefined}
              />
              {onRecords && t.actual ? '' : ' '}/ 目标 {goal}
            </span>
            <span style={{ fontWeight: 600 }}>{pct}%</span>
          </div>
          <Progress
            percent={Math.min(100, pct)}
            showInfo={false}
            strokeColor={BAR_COLOR[t.status]}
            aria-label={`${t.name}完成 ${t.actual} ${t.unit}，目标 ${goal}，完成 ${pct}%`}
            style={{ margin: 0 }}
          />
          {t.expected !== null && t.status !== 'met' && t.status !== 'missed' && (
            <span className="muted">
              截至今日应完成 {t.expected} {t.unit}
            </span>
          )}
        </>
      ) : (
        <p style={{ margin: '4px 0' }}>目标 {goal}，本平台不统计这项的完成情况</p>
      )}
      {t.note && (
        <p className="muted" style={{ margin: 0 }}>
          {t.note}
        </p>
      )}
      <div
        style={{
          display: 'flex',
          justifyContent: 'space-between',
          alignItems: 'center',
          gap: 8,
          flexWrap: 'wrap',
          marginTop: 'auto',
        }}
      >
        <span className="muted">完成时限：{dayText(t.due)}</span>
        {tracked && onTrend && (
          <Button onClick={onTrend} aria-pressed={chosen} aria-label={`查看${t.name}的月度进展`}>
            月度进展
          </Button>
        )}
      </div>
    </li>
  );
}

/** Cumulative actual per month (bars: the month's own) against the steady pace (ECharts). */
export function TrendChart({
  target,
  year,
  onMonth,
}: {
  target: Target;
  year: number;
  onMonth?: (month: string) => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const clicked = useRef(onMonth);
  clicked.current = onMonth;
  // Redrawn when the figures change, not at every render of the page.
  const key = JSON.stringify({ target, year });
  useEffect(() => {
    if (!box.current) return;
    const { target, year } = JSON.parse(key) as { target: Target; year: number };
    const chart = echarts.init(box.current, undefined, { renderer: 'canvas' });
    const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
    const byMonth = new Map(target.monthly.map((m) => [m.month, m]));
    chart.setOption({
      color: ['#91caff', '#1456b8', '#d46b08'],
      tooltip: {
        trigger: 'axis',
        valueFormatter: (v: unknown) => (v === null ? '—' : `${v} ${target.unit}`),
      },
      legend: { top: 0, textStyle: { fontSize: 14 } },
      grid: { left: 8, right: 12, top: 40, bottom: 8 },
      xAxis: {
        type: 'category',
        data: months.map((m) => monthText(m)),
        axisLabel: { fontSize: 13 },
      },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize: 13 } },
      series: [
        {
          name: '当月完成',
          type: 'bar',
          barMaxWidth: 18,
          data: months.map((m) => byMonth.get(m)?.count ?? null),
        },
        {
          name: '累计完成',
          type: 'line',
          symbolSize: 7,
          lineStyle: { width: 3 },
          data: months.map((m) => byMonth.get(m)?.cumulative ?? null),
        },
        {
          name: '均衡进度',
          type: 'line',
          symbol: 'none',
          lineStyle: { type: 'dashed', width: 2 },
          data: months.map((_, i) => paceAt(target, i + 1)),
        },
      ],
    });
    chart.on('click', (p) => {
      const month = months[p.dataIndex];
      if (month && byMonth.has(month)) clicked.current?.(month);
    });
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(box.current);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  }, [key]);
  const last = target.monthly[target.monthly.length - 1];
  const summary = last
    ? `截至${monthText(last.month)}累计完成 ${last.cumulative} ${target.unit}，按均衡进度应完成 ${paceAt(target, Number(last.month.slice(5)))} ${target.unit}`
    : '本年度尚无数据';
  return (
    <div
      ref={box}
      role="img"
      aria-label={`${target.name}月度进展图：${summary}`}
      style={{ width: '100%', height: 300, margin: '8px 0 16px' }}
    />
  );
}

export function MonthTable({ target, onMonth }: { target: Target; onMonth?: (month: string) => void }) {
  return (
    <Table<Month>
      rowKey="month"
      size="small"
      pagination={false}
      dataSource={target.monthly}
      locale={{ emptyText: '本年度尚无数据' }}
      title={() => <b>按月（{target.unit}）</b>}
      columns={[
        { title: '月份', dataIndex: 'month', render: (m: string) => monthText(m) },
        {
          title: '当月',
          dataIndex: 'count',
          render: (n: number, m) =>
            n > 0 ? (
              <Figure
                value={n}
                label={`${monthText(m.month)} ${n} ${target.unit}，查看记录`}
                onOpen={onMonth ? () => onMonth(m.month) : undefined}
              />
            ) : (
              0
            ),
        },
        { title: '累计', dataIndex: 'cumulative' },
        {
          title: '均衡进度',
          key: 'pace',
          render: (_: unknown, m) => paceAt(target, Number(m.month.slice(5))),
        },
      ]}
    />
  );
}

export function TownshipTable({
  target,
  onTownship,
}: {
  target: Target;
  onTownship?: (f: TownshipFigure) => void;
}) {
  if (!target.byTownship) return <p className="muted">此项目标不分乡镇统计。</p>;
  return (
    <Table<TownshipFigure>
      rowKey="code"
      size="small"
      pagination={false}
      dataSource={target.byTownship}
      title={() => <b>按乡镇（{target.unit}）</b>}
      columns={[
        { title: '乡镇', dataIndex: 'name' },
        {
          title: '完成',
          dataIndex: 'actual',
          render: (n: number, f) =>
            n > 0 ? (
              <Figure
                value={n}
                label={`${f.name} ${n} ${target.unit}，查看记录`}
                onOpen={onTownship ? () => onTownship(f) : undefined}
              />
            ) : (
              0
            ),
        },
      ]}
    />
  );
}
