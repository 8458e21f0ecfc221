import { useSearchParams } from 'react-router';
import { Page } from '../../ui/Layout';
import { TargetsDashboard } from './targets-parts';

/**
 * 目标任务进展 (/targets): where the county stands on each target of the year's employment plan —
 * figures only, no names; the year kept in `?year=`.
 */
export default function Targets() {
  const [params, setParams] = useSearchParams();
  const asked = Number(params.get('year'));
  const year = Number.isInteger(asked) && asked >= 2000 && asked <= 2100 ? asked : undefined;
  return (
    <Page title="稷山县就业工作目标任务进展">
      <p className="muted" style={{ marginTop: 0 }}>
        全县就业创业工作年度目标任务的完成情况，数据来自本平台登记的招聘会、劳务输出、见习岗位、补贴申报等记录，每日更新。
      </p>
      <TargetsDashboard
        year={year}
        onYear={(y) => {
          const next = new URLSearchParams(params);
          next.set('year', String(y));
          setParams(next, { replace: true });
        }}
      />
    </Page>
  );
}
