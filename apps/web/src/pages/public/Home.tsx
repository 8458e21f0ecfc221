import { Link, useNavigate } from 'react-router';
import { SearchBox } from '../../ui/plain';
import { useVocabularies } from '../../ui/vocab';

const POPULAR = ['焊工', '普工', '电工', '司机', '保洁', '营业员', '会计', '护理'];

/** The public home: one search box, the townships, and the services of the center. */
export default function Home() {
  const navigate = useNavigate();
  const { data: vocab } = useVocabularies();
  document.title = '稷山就业 - 稷山县公共就业服务平台';
  return (
    <>
      <section className="hero">
        <h1>在稷山，找一份好工作</h1>
        <SearchBox
          label="搜索岗位"
          placeholder="输入工种或岗位，如 焊工、普工、mahua"
          buttonText="搜索岗位"
          onSearch={(q) => navigate(q.trim() ? `/jobs?q=${encodeURIComponent(q.trim())}` : '/jobs')}
        />
        <p className="muted" style={{ marginTop: 12 }}>
          热门：
          {POPULAR.map((w) => (
            <Link
              key={w}
              to={`/jobs?q=${encodeURIComponent(w)}`}
              style={{ marginRight: 12, display: 'inline-block', minHeight: 32 }}
            >
              {w}
            </Link>
          ))}
        </p>
        {vocab && (
          <p className="muted">
            按乡镇找：
            {vocab.townships.map((t) => (
              <Link
                key={t.code}
                to={`/jobs?township=${encodeURIComponent(t.name)}`}
                style={{ marginRight: 12, display: 'inline-block', minHeight: 32 }}
              >
                {t.name}
              </Link>
            ))}
          </p>
        )}
      </section>
      <nav className="tiles" aria-label="服务">
        <Link className="tile" to="/jobs">
          <b>找工作</b>全县企业招聘岗位
        </Link>
        <Link className="tile" to="/fairs">
          <b>招聘会</b>专场招聘会报名与入场
        </Link>
        <Link className="tile" to="/gigs">
          <b>零工市场</b>家门口的零活、日结工作
        </Link>
        <Link className="tile" to="/internships">
          <b>就业见习</b>毕业生和青年的见习岗位
        </Link>
        <Link className="tile" to="/calculator">
          <b>政策计算器</b>看看能享受哪些补贴
        </Link>
        <Link className="tile" to="/policies">
          <b>就业政策</b>2023 年就业创业政策
        </Link>
        <Link className="tile" to="/targets">
          <b>目标任务进展</b>全县就业工作目标完成情况
        </Link>
        <Link className="tile" to="/login">
          <b>登录 / 注册</b>求职者、用人单位、服务机构
        </Link>
      </nav>
      <p className="muted" style={{ marginTop: 16 }}>
        公共就业服务全部免费。凡以介绍工作为名收取费用的，请拨打县就业服务中心电话举报。
      </p>
    </>
  );
}
