import { App, Button, Collapse, Empty, Tag } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api, ok } from '../../api/client';
import { errorText } from '../../api/errors';
import type { components } from '../../api/schema';
import { useSession } from '../../auth/session';
import { wageRange } from '../../ui/format';
import { QueryState } from '../../ui/states';
import { useTermName } from '../../ui/vocab';

type Booth = components['schemas']['OnlineBoothView'];

const VISITOR_KEY = 'jsj-fair-visitor';

/** A random key this browser keeps, so a visitor not signed in is counted once a day per booth. */
function visitorKey(): string {
  let key = localStorage.getItem(VISITOR_KEY);
  if (!key) {
    key = `visitor-${crypto.randomUUID()}`;
    localStorage.setItem(VISITOR_KEY, key);
  }
  return key;
}

/**
 * 线上展位 of an online or hybrid fair: each enterprise's booth with its posts; opening a booth
 * counts a visit (once a day), and a seeker sends an application from it in one tap.
 */
export function OnlineBooths({ fairId, open }: { fairId: string; open: boolean }) {
  const booths = useQuery({
    queryKey: ['fair', fairId, 'booths'],
    queryFn: () => ok(api.GET('/api/v1/fairs/{id}/booths', { params: { path: { id: fairId } } })),
  });
  const visit = useMutation({
    mutationFn: (registrationId: string) =>
      ok(
        api.POST('/api/v1/fairs/{id}/booths/{registrationId}/visits', {
          params: { path: { id: fairId, registrationId } },
          body: { visitorKey: visitorKey() },
        }),
      ),
  });
  const seen = new Set<string>();
  return (
    <div className="panel">
      <h2 className="section-title">线上展位</h2>
      <QueryState query={booths}>
        {(b) =>
          b.items.length === 0 ? (
            <Empty description="还没有企业开设线上展位" />
          ) : (
            <Collapse
              size="large"
              onChange={(keys) => {
                // Counted when a booth is opened, once per page view (the server counts once a day).
                for (const k of ([] as string[]).concat(keys)) {
                  if (!open || seen.has(k)) continue;
                  seen.add(k);
                  visit.mutate(k);
                }
              }}
              items={b.items.map((booth) => ({
                key: booth.registrationId,
                label: (
                  <span>
                    {booth.boothNo !== null && <Tag>{booth.boothNo} 号展位</Tag>}
                    {booth.employerName}（{booth.posts.length} 个岗位）
                  </span>
                ),
                children: <BoothPosts fairId={fairId} booth={booth} open={open} />,
              }))}
            />
          )
        }
      </QueryState>
    </div>
  );
}

function BoothPosts({ fairId, booth, open }: { fairId: string; booth: Booth; open: boolean }) {
  const { user } = useSession();
  const navigate = useNavigate();
  const term = useTermName();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [sent, setSent] = useState<ReadonlySet<string>>(new Set());
  const apply = useMutation({
    mutationFn: (jobPostId: string) =>
      ok(
        api.POST('/api/v1/fairs/{id}/booths/{registrationId}/applications', {
          params: { path: { id: fairId, registrationId: booth.registrationId } },
          body: { jobPostId },
        }),
      ),
    onSuccess: (_, jobPostId) => {
      setSent((s) => new Set([...s, jobPostId]));
      void message.success('简历已投递，可在“我的申请”查看进度');
      void client.invalidateQueries({ queryKey: ['fair', fairId, 'booths'] });
    },
    onError: (err) => void message.error(errorText(err)),
  });
  if (booth.posts.length === 0) return <p>该企业暂无在招岗位。</p>;
  return (
    <ul style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {booth.posts.map((p) => (
        <li key={p.id} style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}>
          <div
            style={{
              display: 'flex',
              flexWrap: 'wrap',
              gap: 8,
              alignItems: 'center',
              justifyContent: 'space-between',
            }}
          >
            <div>
              <a href={`/jobs/${p.id}`} style={{ fontSize: 17, fontWeight: 600 }}>
                {p.title}
              </a>
              <div>
                {wageRange(p.wageMinFen, p.wageMaxFen)} · 招 {p.headcount} 人 ·{' '}
                {term('employmentTypes', p.employmentType)}
                {p.township ? ` · ${p.township}` : ''}
              </div>
            </div>
            {user?.role === 'seeker' ? (
              <Button
                type="primary"
                size="large"
                disabled={!open || sent.has(p.id)}
                loading={apply.isPending && apply.variables === p.id}
                onClick={() => apply.mutate(p.id)}
              >
                {sent.has(p.id) ? '已投递' : '投递简历'}
              </Button>
            ) : !user ? (
              <Button
                size="large"
                onClick={() => navigate(`/login?next=${encodeURIComponent(`/fairs/${fairId}`)}`)}
              >
                登录后投递
              </Button>
            ) : null}
          </div>
        </li>
      ))}
    </ul>
  );
}
