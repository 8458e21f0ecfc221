import { api } from '../../api/client';
import { Button, Skeleton } from 'antd';
import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { useSearchParams } from 'react-router';
import { useSession } from '../../auth/session';
import { Page } from '../../ui/Layout';
import { SectionNav } from '../../ui/SectionNav';

// Each tab is its own chunk: opening the console loads only the tab on screen.
const TargetsTab = lazy(() => import('./TargetsTab'));
const ReviewTab = lazy(() => import('./ReviewTab'));
const ImportTab = lazy(() => import('./ImportTab'));
const EnterprisesTab = lazy(() => import('./EnterprisesTab'));
const SeekersTab = lazy(() => import('./SeekersTab'));
const PlacementsTab = lazy(() => import('./PlacementsTab'));
const ClaimsTab = lazy(() => import('./ClaimsTab'));
const SubsidySourcesTab = lazy(() => import('./SubsidySourcesTab'));
const FairsTab = lazy(() => import('./FairsTab'));
const GigsTab = lazy(() => import('./GigsTab'));
const StallsTab = lazy(() => import('./StallsTab'));
const InternshipsTab = lazy(() => import('./InternshipsTab'));
const ExportTab = lazy(() => import('./ExportTab'));
const AuditTab = lazy(() => import('./AuditTab'));

const TABS: { key: string; label: string; Body: LazyExoticComponent<ComponentType> }[] = [
  { key: 'targets', label: '目标任务', Body: TargetsTab },
  { key: 'review', label: '岗位审核', Body: ReviewTab },
  { key: 'import', label: '岗位导入', Body: ImportTab },
  { key: 'enterprises', label: '企业', Body: EnterprisesTab },
  { key: 'seekers', label: '求职者', Body: SeekersTab },
  { key: 'fairs', label: '招聘会', Body: FairsTab },
  { key: 'gigs', label: '零工市场', Body: GigsTab },
  { key: 'stalls', label: '摊区管理', Body: StallsTab },
  { key: 'internships', label: '就业见习', Body: InternshipsTab },
  { key: 'export', label: '劳务输出', Body: ExportTab },
  { key: 'placements', label: '就业登记', Body: PlacementsTab },
  { key: 'sources', label: '补贴来源登记', Body: SubsidySourcesTab },
  { key: 'claims', label: '补贴审核', Body: ClaimsTab },
  { key: 'audit', label: '审计日志', Body: AuditTab },
];

/** The employment center's console (/staff): one section per work queue, the section kept in `?tab=`. */
export default function StaffConsole() {
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const asked = params.get('tab');
  const active = TABS.some((t) => t.key === asked) ? asked! : 'review';

  return (
    <Page
      title="就业服务工作台"
      extra={
        user?.role === 'admin' ? (
          // The board is served by the API outside this app: its short-lived cookie first.
          <Button
            onClick={async () => {
              const res = await api.POST('/api/v1/admin/queue-board-session');
              if (res.response.ok) window.location.assign('/admin/queues');
            }}
          >
            任务队列看板
          </Button>
        ) : null
      }
    >
      <div className="panel">
        {/* The work queues: buttons that wrap, never tabs hidden behind a "more" menu. */}
        <SectionNav
          label="工作台"
          activeKey={active}
          onChange={(key) => {
            const next = new URLSearchParams(params);
            next.set('tab', key);
            setParams(next);
          }}
          items={TABS.map(({ key, label, Body }) => ({
            key,
            label,
            children: (
              <Suspense fallback={<Skeleton active paragraph={{ rows: 6 }} />}>
                <Body />
              </Suspense>
            ),
          }))}
        />
      </div>
    </Page>
  );
}
