import { Role } from '@app/platform';

/** One demo account per role; `scripts/seed-demo.ts` creates them (idempotently). */
export interface DemoLogin {
  role: `${Role}`;
  login: string;
  password: string;
  description: string;
}

export const DEMO_PASSWORD = 'jishan-demo-2025';

export const DEMO_LOGINS: DemoLogin[] = [
  { role: 'seeker', login: 'demo.seeker', password: DEMO_PASSWORD, description: '求职者 王丽 (稷峰镇)' },
  {
    role: 'employer',
    login: 'demo.employer',
    password: DEMO_PASSWORD,
    description: '用人单位 稷山县晋南食品有限公司 (91140824MA0JH00015)',
  },
  {
    role: 'agency',
    login: 'demo.agency',
    password: DEMO_PASSWORD,
    description: '人力资源服务机构 稷山县汾河人力资源服务有限公司 (hr-firm)',
  },
  {
    role: 'staff',
    login: 'demo.staff.jifeng',
    password: DEMO_PASSWORD,
    description: '稷峰镇劳动保障所 (township staff)',
  },
  {
    role: 'staff',
    login: 'demo.staff.county',
    password: DEMO_PASSWORD,
    description: '县就业服务中心 (county staff)',
  },
  { role: 'admin', login: 'demo.admin', password: DEMO_PASSWORD, description: '平台管理员 (admin)' },
];

/** Organisations and profile details behind the demo logins. */
export const DEMO_DETAILS = {
  seeker: { displayName: '王丽', mobile: '13935912345', townshipCode: 'jifeng' },
  employer: {
    displayName: '李建国',
    mobile: '13835967890',
    enterpriseName: '稷山县晋南食品有限公司',
    creditCode: '91140824MA0JH00015',
  },
  agency: {
    displayName: '赵敏',
    mobile: '13703591234',
    agencyName: '稷山县汾河人力资源服务有限公司',
    creditCode: '91140824MA0JRHR02Y',
    agencyKind: 'hr-firm' as const,
  },
  townshipStaff: { displayName: '稷峰镇劳动保障所 张强', townshipCode: 'jifeng' },
  countyStaff: { displayName: '县就业服务中心 刘芳' },
  admin: { displayName: '平台管理员' },
};
