import { Result } from 'antd';
import { Link } from 'react-router';
import { Page } from '../../ui/Layout';

const WHAT = {
  gigs: {
    title: '零工市场',
    text: '公益性零工市场的网上服务正在开通中。需要找零活或招零工，请到县零工市场或各乡镇劳动保障所登记。',
  },
} as const;

/** Services whose pages are being built: a plain word on where to go meanwhile. */
export default function Soon({ what }: { what: keyof typeof WHAT }) {
  const w = WHAT[what];
  return (
    <Page title={w.title}>
      <Result
        status="info"
        title={`${w.title}服务即将上线`}
        subTitle={w.text}
        extra={<Link to="/jobs">先去看看招聘岗位</Link>}
      />
    </Page>
  );
}
