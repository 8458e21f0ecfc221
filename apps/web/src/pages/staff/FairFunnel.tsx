import { useEffect, useRef } from 'react';
import { FunnelChart } from 'echarts/charts';
import { TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([FunnelChart, TooltipComponent, CanvasRenderer]);

/** A fair's funnel (ECharts): each step of the way from a confirmed registration to a hire. */
export function FairFunnel({ steps }: { steps: { name: string; value: number }[] }) {
  const box = useRef<HTMLDivElement>(null);
  // Redrawn when the numbers change, not at every render of the report.
  const key = JSON.stringify(steps);
  useEffect(() => {
    if (!box.current) return;
    const chart = echarts.init(box.current, undefined, { renderer: 'canvas' });
    const data = JSON.parse(key) as typeof steps;
    const top = Math.max(1, ...data.map((s) => s.value));
    chart.setOption({
      tooltip: { trigger: 'item', formatter: '{b}：{c} 人' },
      series: [
        {
          type: 'funnel',
          sort: 'none',
          min: 0,
          max: top,
          left: '5%',
          width: '90%',
          gap: 2,
          label: { show: true, position: 'inside', formatter: '{b} {c}', color: '#fff' },
          data,
        },
      ],
    });
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(box.current);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  }, [key]);
  const summary = steps.map((s) => `${s.name} ${s.value} 人`).join('，');
  return (
    <div
      ref={box}
      role="img"
      aria-label={`转化漏斗：${summary}`}
      style={{ width: '100%', maxWidth: 560, height: 280, margin: '12px 0' }}
    />
  );
}
