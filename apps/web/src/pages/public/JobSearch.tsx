import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { jobSearchQuery, PAGE, type Sort } from './job-search-query';
import type { components } from '../../api/schema';
import { Page } from '../../ui/Layout';
import { Pager } from '../../ui/Pager';
import { Badge, Button, Notice, SearchBox } from '../../ui/plain';
import { QueryState } from '../../ui/states';
import { wageRange } from '../../ui/format';
import { useTermName, useVocabularies } from '../../ui/vocab';

type Hit = components['schemas']['JobPostSearchHit'];

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
  const search = useQuery({
    ...jobSearchQuery(params),
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
      <SearchBox
        key={q}
        defaultValue={q}
        label="搜索岗位"
        buttonText="搜索"
        placeholder="工种、岗位或单位名称，支持拼音"
        onSearch={(v) => change({ q: v.trim() || null })}
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
          <div className="filter-stack">
            <label>
              乡镇
              <select
                className="native-select"
                value={params.get('township') ?? ''}
                onChange={(e) => change({ township: e.target.value || null })}
              >
                <option value="">全部乡镇</option>
                {townshipOptions.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            </label>
            <label>
              行业
              <select
                className="native-select"
                value={params.get('industry') ?? ''}
                onChange={(e) => change({ industry: e.target.value || null })}
              >
                <option value="">全部行业</option>
                {params.get('industry') && !facets.industry?.[params.get('industry')!] && (
                  <option value={params.get('industry')!}>{params.get('industry')}</option>
                )}
                {facetOptions('industry', (v) => v).map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            </label>
            <label>
              用工形式
              <select
                className="native-select"
                value={params.get('employmentType') ?? ''}
                onChange={(e) => change({ employmentType: e.target.value || null })}
              >
                <option value="">不限</option>
                {(vocab?.employmentTypes ?? []).map((t) => (
                  <option key={t.code} value={t.code}>
                    {facets.employmentType?.[t.code] !== undefined
                      ? `${t.name}（${facets.employmentType[t.code]}）`
                      : t.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              学历要求
              <select
                className="native-select"
                value={params.get('education') ?? ''}
                onChange={(e) => change({ education: e.target.value || null })}
              >
                <option value="">不限</option>
                {(vocab?.educationLevels ?? []).map((t) => (
                  <option key={t.code} value={t.code}>
                    {t.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              月薪不低于（元）
              <input
                className="native-select"
                type="number"
                inputMode="numeric"
                min={0}
                max={1000000}
                step={500}
                defaultValue={params.get('wageMin') ?? ''}
                onBlur={(e) => change({ wageMin: e.target.value.replace(/[^\d]/g, '') || null })}
                onKeyDown={(e) => {
                  if (e.key === 'Enter')
                    change({ wageMin: e.currentTarget.value.replace(/[^\d]/g, '') || null });
                }}
              />
            </label>
            <label className="check">
              <input
                type="checkbox"
                checked={params.get('internship') === 'true'}
                onChange={(e) => change({ internship: e.target.checked ? 'true' : null })}
              />
              只看见习岗位
            </label>
            <label className="check">
              <input
                type="checkbox"
                checked={params.get('olderWorkers') === 'true'}
                onChange={(e) => change({ olderWorkers: e.target.checked ? 'true' : null })}
              />
              欢迎大龄（4050）人员
            </label>
            {Object.keys(facets.occupation ?? {}).length > 0 && (
              <div>
                <div>常见工种</div>
                {facetOptions('occupation', (v) => v)
                  .slice(0, 10)
                  .map((o) => (
                    <Link key={o.value} className="chip" to={`/jobs?q=${encodeURIComponent(o.value)}`}>
                      {o.label}
                    </Link>
                  ))}
              </div>
            )}
            <Button onClick={() => setParams(q ? { q } : {})}>清除筛选</Button>
          </div>
        </aside>
        <div>
          <div
            className="row-actions"
            style={{ justifyContent: 'space-between', alignItems: 'center', marginBottom: 12 }}
          >
            <span className="muted" role="status">
              {search.data ? `共找到 ${search.data.total} 个岗位` : ' '}
            </span>
            <label>
              <span className="visually-hidden">排序</span>
              <select
                className="native-select"
                aria-label="排序"
                value={sort}
                onChange={(e) => change({ sort: e.target.value === 'relevance' ? null : e.target.value })}
                style={{ width: 150 }}
              >
                <option value="relevance">最相关</option>
                <option value="date">最新发布</option>
                <option value="wage">薪资最高</option>
              </select>
            </label>
          </div>
          {search.data?.understood && search.data.understood.length > 0 && (
            <p className="understood-words" style={{ margin: '0 0 12px' }}>
              已按搜索词筛选：
              {search.data.understood.map((u) => (
                <Badge key={`${u.filter}-${u.word}`} color="blue">
                  「{u.word}」
                  {u.filter === 'township'
                    ? term('townships', u.value)
                    : u.filter === 'employmentType'
                      ? term('employmentTypes', u.value)
                      : u.filter === 'internship'
                        ? '见习实习岗位'
                        : '县外岗位'}
                </Badge>
              ))}
            </p>
          )}
          {search.data?.degraded && (
            <Notice type="warning">
              搜索服务暂时繁忙，当前为简易搜索结果：不支持拼音和错别字，按发布时间排序。
            </Notice>
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
                <Pager
                  page={page}
                  pages={Math.max(1, Math.ceil(Math.min(data.total, 5000) / PAGE))}
                  onPage={(p) => {
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
        {hit.acceptsOlderWorkers && <Badge color="green">欢迎4050人员</Badge>}
        {hit.isInternship && <Badge color="blue">见习</Badge>}
      </div>
    </li>
  );
}
