import { Alert, Button, Checkbox, Input, InputNumber, Pagination, Select, Space, Tag } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, ok } from '../../api/client';
import type { components } from '../../api/schema';
import { Page } from '../../ui/Layout';
import { QueryState } from '../../ui/states';
import { wageRange } from '../../ui/format';
import { useTermName, useVocabularies } from '../../ui/vocab';

type Hit = components['schemas']['JobPostSearchHit'];
type Sort = 'relevance' | 'date' | 'wage';
const PAGE = 20;
const MULTI = ['township', 'industry', 'employmentType', 'education'] as const;

/** Search results with the filters and facets of GET /api/v1/job-posts/search; all state lives in the URL. */
export default function JobSearch() {
  const [params, setParams] = useSearchParams();
  // On a phone the filters fold away under one button, so the results come first.
  const [filtersOpen, setFiltersOpen] = useState(false);
  const term = useTermName();
  const { data: vocab } = useVocabularies();
  const q = params.get('q') ?? '';
  const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
  const sort = (params.get('sort') as Sort | null) ?? 'relevance';
  const query = {
    q: q || undefined,
    township: params.getAll('township').length ? params.getAll('township') : undefined,
    industry: params.getAll('industry').length ? params.getAll('industry') : undefined,
    employmentType: params.getAll('employmentType').length ? params.getAll('employmentType') : undefined,
    education: params.getAll('education').length ? params.getAll('education') : undefined,
    wageMin: params.get('wageMin') ?? undefined,
    internship: (params.get('internship') as 'true' | null) ?? undefined,
    olderWorkers: (params.get('olderWorkers') as 'true' | null) ?? undefined,
    sort,
    limit: String(PAGE),
    offset: String((page - 1) * PAGE),
  };
  const search = useQuery({
    queryKey: ['job-search', query],
    queryFn: () => ok(api.GET('/api/v1/job-posts/search', { params: { query } })),
    placeholderData: keepPreviousData,
  });

  /** Changes some parameters and goes back to the first page. */
  const change = (next: Record<string, string | string[] | null>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      p.delete(k);
      for (const one of Array.isArray(v) ? v : v === null || v === '' ? [] : [v]) p.append(k, one);
    }
    p.delete('page');
    setParams(p);
  };

  const facets = search.data?.facets ?? {};
  const facetOptions = (name: string, label: (v: string) => string) =>
    Object.entries(facets[name] ?? {})
      .sort((a, b) => b[1] - a[1])
      .map(([v, n]) => ({ value: v, label: `${label(v) || v}（${n}）` }));
  const townshipOptions = (vocab?.townships ?? []).map((t) => ({
    value: t.name,
    label: facets.township?.[t.name] !== undefined ? `${t.name}（${facets.township[t.name]}）` : t.name,
  }));

  return (
    <Page title={q ? `“${q}”的招聘岗位` : '招聘岗位'}>
      <Input.Search
        key={q}
        defaultValue={q}
        size="large"
        enterButton="搜索"
        placeholder="工种、岗位或单位名称，支持拼音"
        aria-label="搜索岗位"
        onSearch={(v) => change({ q: v.trim() || null })}
        style={{ marginBottom: 16 }}
      />
      <div className="search-layout">
        <Button
          className="filters-toggle"
          aria-expanded={filtersOpen}
          onClick={() => setFiltersOpen((o) => !o)}
        >
          {filtersOpen ? '收起筛选' : '筛选条件'}
        </Button>
        <aside className={`panel filters${filtersOpen ? ' open' : ''}`} aria-label="筛选">
          <Space orientation="vertical" style={{ width: '100%' }} size="middle">
            <label>
              <div>乡镇</div>
              <Select
                mode="multiple"
                allowClear
                placeholder="全部乡镇"
                aria-label="乡镇"
                style={{ width: '100%' }}
                value={params.getAll('township')}
                options={townshipOptions}
                onChange={(v: string[]) => change({ township: v })}
              />
            </label>
            <label>
              <div>行业</div>
              <Select
                mode="multiple"
                allowClear
                placeholder="全部行业"
                aria-label="行业"
                style={{ width: '100%' }}
                value={params.getAll('industry')}
                options={facetOptions('industry', (v) => v)}
                onChange={(v: string[]) => change({ industry: v })}
              />
            </label>
            <label>
              <div>用工形式</div>
              <Select
                mode="multiple"
                allowClear
                placeholder="不限"
                aria-label="用工形式"
                style={{ width: '100%' }}
                value={params.getAll('employmentType')}
                options={(vocab?.employmentTypes ?? []).map((t) => ({
                  value: t.code,
                  label:
                    facets.employmentType?.[t.code] !== undefined
                      ? `${t.name}（${facets.employmentType[t.code]}）`
                      : t.name,
                }))}
                onChange={(v: string[]) => change({ employmentType: v })}
              />
            </label>
            <label>
              <div>学历要求</div>
              <Select
                mode="multiple"
                allowClear
                placeholder="不限"
                aria-label="学历要求"
                style={{ width: '100%' }}
                value={params.getAll('education')}
                options={(vocab?.educationLevels ?? []).map((t) => ({ value: t.code, label: t.name }))}
                onChange={(v: string[]) => change({ education: v })}
              />
            </label>
            <label>
              <div>月薪不低于（元）</div>
              <InputNumber
                min={0}
                max={1000000}
                step={500}
                aria-label="月薪不低于（元）"
                style={{ width: '100%' }}
                defaultValue={params.get('wageMin') ? Number(params.get('wageMin')) : undefined}
                onBlur={(e) => change({ wageMin: e.target.value.replace(/[^\d]/g, '') || null })}
              />
            </label>
            <Checkbox
              checked={params.get('internship') === 'true'}
              onChange={(e) => change({ internship: e.target.checked ? 'true' : null })}
            >
              只看见习岗位
            </Checkbox>
            <Checkbox
              checked={params.get('olderWorkers') === 'true'}
              onChange={(e) => change({ olderWorkers: e.target.checked ? 'true' : null })}
            >
              欢迎大龄（4050）人员
            </Checkbox>
            {Object.keys(facets.occupation ?? {}).length > 0 && (
              <div>
                <div>常见工种</div>
                {facetOptions('occupation', (v) => v)
                  .slice(0, 10)
                  .map((o) => (
                    <Tag key={o.value} style={{ marginBottom: 6, cursor: 'pointer', padding: '6px 10px' }}>
                      <Link to={`/jobs?q=${encodeURIComponent(o.value)}`}>{o.label}</Link>
                    </Tag>
                  ))}
              </div>
            )}
            <Button onClick={() => setParams(q ? { q } : {})}>清除筛选</Button>
          </Space>
        </aside>
        <div>
          <div
            className="row-actions"
            style={{ justifyContent: 'space-between', alignItems: 'center', marginBottom: 12 }}
          >
            <span className="muted" role="status">
              {search.data ? `共找到 ${search.data.total} 个岗位` : ' '}
            </span>
            <Select
              aria-label="排序"
              value={sort}
              style={{ width: 150 }}
              onChange={(v: Sort) => change({ sort: v === 'relevance' ? null : v })}
              options={[
                { value: 'relevance', label: '最相关' },
                { value: 'date', label: '最新发布' },
                { value: 'wage', label: '薪资最高' },
              ]}
            />
          </div>
          {search.data?.degraded && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title="搜索服务暂时繁忙，当前为简易搜索结果：不支持拼音和错别字，按发布时间排序。"
            />
          )}
          <QueryState
            query={search}
            isEmpty={(d) => d.hits.length === 0}
            empty="没有找到符合条件的岗位，换个词或减少筛选条件试试"
          >
            {(data) => (
              <>
                <ol style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label="搜索结果">
                  {data.hits.map((h) => (
                    <JobCard
                      key={h.id}
                      hit={h}
                      typeName={term('employmentTypes', h.employmentType)}
                      educationName={term('educationLevels', h.education)}
                    />
                  ))}
                </ol>
                <Pagination
                  style={{ marginTop: 16 }}
                  current={page}
                  pageSize={PAGE}
                  total={Math.min(data.total, 5000)}
                  showSizeChanger={false}
                  onChange={(p) => {
                    const next = new URLSearchParams(params);
                    next.set('page', String(p));
                    setParams(next);
                    window.scrollTo(0, 0);
                  }}
                />
              </>
            )}
          </QueryState>
        </div>
      </div>
    </Page>
  );
}

function JobCard({ hit, typeName, educationName }: { hit: Hit; typeName: string; educationName: string }) {
  return (
    <li className="job-card">
      <h2>
        <Link to={`/jobs/${hit.id}`}>{hit.title}</Link>
      </h2>
      <div className="job-meta">
        <span className="wage">{wageRange(hit.wageMinFen, hit.wageMaxFen)}</span>
        <span>{hit.employerName}</span>
        <span>{hit.township ?? hit.placeText}</span>
        {typeName && <span>{typeName}</span>}
        {educationName && <span>学历：{educationName}</span>}
        <span>招 {hit.headcount} 人</span>
        {hit.acceptsOlderWorkers && <Tag color="green">欢迎4050人员</Tag>}
        {hit.isInternship && <Tag color="blue">见习</Tag>}
      </div>
    </li>
  );
}
