import { Badge } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { api, ok } from '../../api/client';
import { useSession } from '../../auth/session';
import { Page } from '../../ui/Layout';
import { SectionNav } from '../../ui/SectionNav';

const Profile = lazy(() => import('./SeekerProfile'));
const Matches = lazy(() => import('./SeekerMatches'));
const Applications = lazy(() => import('./SeekerApplications'));
const Placements = lazy(() => import('./SeekerPlacements'));
const Claims = lazy(() => import('./SeekerClaims'));
const Notifications = lazy(() => import('./SeekerNotifications'));
const Gigs = lazy(() => import('./SeekerGigs'));
const GigsNear = lazy(() => import('./SeekerGigsNear'));
const Availability = lazy(() => import('./SeekerAvailability'));
const PosterGigs = lazy(() => import('../gigs/PosterGigs'));
const Stalls = lazy(() => import('./SeekerStalls'));
const Internships = lazy(() => import('./SeekerInternships'));
const Export = lazy(() => import('./SeekerExport'));

/** The seeker's own home (phone first): profile, matches, applications, placements, claims, gigs, messages. */
export default function SeekerHome() {
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'matches';
  const unread = useQuery({
    queryKey: ['seeker', 'notifications', 'unread'],
    queryFn: () => ok(api.GET('/api/v1/notifications', { params: { query: { unread: 'true', limit: 1 } } })),
  });
  const item = (key: string, label: ReactNode, node: ReactNode) => ({
    key,
    label,
    children: <Suspense fallback={null}>{node}</Suspense>,
  });
  return (
    <Page title={`${user?.displayName ?? ''}，您好`}>
      <SectionNav
        label="我的"
        activeKey={tab}
        onChange={(k) => setParams({ tab: k })}
        items={[
          item('matches', '推荐岗位', <Matches />),
          item('profile', '求职登记', <Profile />),
          item('applications', '我的投递', <Applications />),
          item('placements', '就业记录', <Placements />),
          item('internships', '我的见习', <Internships />),
          item('export', '外出务工', <Export />),
          item('claims', '补贴', <Claims />),
          item('gigs', '我的零工', <Gigs />),
          item(
            'gigs-near',
            '附近零工',
            <GigsNear onAvailability={() => setParams({ tab: 'gigs-availability' })} />,
          ),
          item('gigs-availability', '接活意向', <Availability />),
          item('gigs-post', '发布零工', <PosterGigs />),
          item('stalls', '我的摊位', <Stalls />),
          item(
            'notifications',
            <Badge count={unread.data?.unread ?? 0} size="small" offset={[8, 0]}>
              消息
            </Badge>,
            <Notifications />,
          ),
        ]}
      />
    </Page>
  );
}
