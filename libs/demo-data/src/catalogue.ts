/**
 * What the county's labour market looks like, as data for the generator: industries with their
 * usual townships, sizes, trades and wages (CNY per month, 2024–2025 county levels).
 */
import type { EmployerSize } from '@app/subsidy-engine';
import type { EducationLevel } from '@app/seekers/vocabulary';

export interface Trade {
  title: string;
  occupation: string;
  skills: string[];
  wage: [number, number];
  education: EducationLevel | null;
  age: [number, number] | null;
}

export interface Industry {
  name: string;
  /** Name parts: 稷山县{stem}{suffix}. */
  stems: string[];
  suffix: string;
  townships: string[];
  sizes: EmployerSize[];
  weight: number;
  trades: Trade[];
}

const t = (
  title: string,
  occupation: string,
  skills: string[],
  wage: [number, number],
  education: EducationLevel | null = null,
  age: [number, number] | null = [18, 55],
): Trade => ({ title, occupation, skills, wage, education, age });

export const INDUSTRIES: readonly Industry[] = [
  {
    name: '焦化',
    stems: ['华鑫', '宏达', '晋丰', '汾河', '恒昌', '稷王'],
    suffix: '焦化有限公司',
    townships: ['devzone'],
    sizes: ['large', 'medium'],
    weight: 4,
    trades: [
      t('电焊工', '电焊工', ['焊工证', '二保焊'], [5500, 8500], 'junior-high'),
      t('维修电工', '维修电工', ['电工证', '低压电工'], [5000, 8000], 'secondary-vocational'),
      t('化工操作工', '化工总控工', ['DCS操作'], [4500, 7000], 'senior-high', [20, 45]),
      t('叉车工', '叉车工', ['叉车证'], [4000, 6000], 'junior-high'),
      t('化验员', '化学检验员', ['化验'], [3500, 5000], 'college', [20, 40]),
    ],
  },
  {
    name: '钢铁',
    stems: ['高义', '建邦', '通才', '晋南', '鑫海'],
    suffix: '钢铁有限公司',
    townships: ['devzone', 'huayu'],
    sizes: ['large', 'medium'],
    weight: 4,
    trades: [
      t('氩弧焊工', '焊工', ['氩弧焊', '焊工证'], [6000, 9000], 'junior-high'),
      t('数控车工', '车工', ['数控', '看图纸'], [5000, 8000], 'secondary-vocational', [20, 45]),
      t('铣工', '铣工', ['铣床操作'], [4500, 7000], 'junior-high'),
      t('货车司机', '货车司机', ['A2驾照'], [6000, 9000], null, [25, 55]),
      t('安全员', '安全员', ['安全员证'], [4000, 6000], 'college'),
    ],
  },
  {
    name: '化工',
    stems: ['丰喜', '晋信', '宇达', '三维'],
    suffix: '化工有限公司',
    townships: ['devzone'],
    sizes: ['large', 'medium', 'small'],
    weight: 2,
    trades: [
      t('化工操作工', '化工总控工', ['DCS操作'], [4500, 7000], 'senior-high', [20, 45]),
      t('维修电工', '维修电工', ['电工证'], [5000, 7500], 'secondary-vocational'),
    ],
  },
  {
    name: '食品加工',
    stems: ['稷山麻花', '金谷', '晋味', '老字号', '稷香', '吉祥'],
    suffix: '食品有限公司',
    townships: ['jifeng', 'huayu', 'qinghe', 'devzone'],
    sizes: ['medium', 'small', 'micro'],
    weight: 6,
    trades: [
      t('麻花制作工', '麻花制作工', ['麻花制作', '健康证'], [3000, 5000], null, [18, 60]),
      t('包装工', '包装工', ['健康证'], [2800, 4000], null, [18, 60]),
      t('面点师', '面点师', ['面点', '健康证'], [3500, 6000], null),
      t('电商运营', '电商运营', ['网店运营', '抖音'], [3500, 6500], 'college', [18, 35]),
    ],
  },
  {
    name: '红枣加工',
    stems: ['稷山板枣', '枣乡', '红福', '枣业'],
    suffix: '枣业有限公司',
    townships: ['jifeng', 'xishe', 'taiyang', 'zhaidian'],
    sizes: ['small', 'micro'],
    weight: 4,
    trades: [
      t('红枣加工工', '红枣加工', ['分拣', '健康证'], [2600, 4000], null, [18, 65]),
      t('板枣种植管理员', '农艺工', ['枣树修剪', '嫁接'], [2500, 4000], null, [25, 65]),
      t('带货主播', '主播', ['直播带货', '普通话'], [3000, 9000], 'senior-high', [18, 35]),
    ],
  },
  {
    name: '物流',
    stems: ['通达', '顺运', '晋运', '快捷'],
    suffix: '物流有限公司',
    townships: ['devzone', 'jifeng', 'zhaidian'],
    sizes: ['medium', 'small'],
    weight: 4,
    trades: [
      t('快递员', '快递员', ['电动车驾驶'], [4000, 7000], null, [18, 50]),
      t('货车司机', '货车司机', ['A2驾照', 'B2驾照'], [6000, 9000], null, [25, 55]),
      t('叉车工', '叉车工', ['叉车证'], [4000, 6000], null),
      t('仓库管理员', '仓库保管员', ['Excel'], [3000, 4500], 'senior-high'),
    ],
  },
  {
    name: '电商直播',
    stems: ['稷山优品', '晋南好物', '枣香', '乡味'],
    suffix: '电子商务有限公司',
    townships: ['jifeng', 'devzone'],
    sizes: ['small', 'micro'],
    weight: 3,
    trades: [
      t('带货主播', '主播', ['直播带货', '普通话'], [3000, 9000], 'senior-high', [18, 35]),
      t('网店运营', '电商运营', ['网店运营', '拼多多'], [3500, 6500], 'college', [18, 35]),
      t('客服', '客服', ['打字'], [2800, 4000], 'senior-high', [18, 40]),
    ],
  },
  {
    name: '建筑',
    stems: ['稷山建工', '晋建', '恒泰', '宏宇'],
    suffix: '建筑工程有限公司',
    townships: ['jifeng', 'qinghe', 'caicun'],
    sizes: ['medium', 'small'],
    weight: 4,
    trades: [
      t('钢筋工', '钢筋工', ['钢筋绑扎'], [5000, 8000], null, [20, 60]),
      t('电焊工', '电焊工', ['焊工证'], [5500, 8500], null, [20, 60]),
      t('水电工', '电工', ['电工证', '水暖'], [5000, 7500], null, [20, 60]),
      t('施工员', '施工员', ['施工员证', 'CAD'], [4500, 7000], 'college', [22, 50]),
    ],
  },
  {
    name: '商贸',
    stems: ['百货', '万家', '好又多', '金源'],
    suffix: '商贸有限公司',
    townships: ['jifeng', 'zhaidian', 'xishe', 'qinghe'],
    sizes: ['small', 'micro'],
    weight: 4,
    trades: [
      t('营业员', '营业员', ['收银'], [2500, 3800], 'junior-high', [18, 50]),
      t('保安', '保安员', ['保安员证'], [2600, 3500], null, [20, 60]),
      t('配送员', '配送员', ['电动车驾驶'], [3500, 5500], null, [18, 50]),
    ],
  },
  {
    name: '医疗',
    stems: ['稷山县人民', '稷山县中医', '康宁', '仁和'],
    suffix: '医院',
    townships: ['jifeng', 'huayu'],
    sizes: ['medium', 'small'],
    weight: 2,
    trades: [
      t('护士', '护士', ['护士执业证'], [3500, 5500], 'college', [20, 40]),
      t('乡村医生', '乡村医生', ['乡村医生执业证'], [3000, 5000], 'secondary-vocational', [22, 60]),
      t('临床医师', '医师', ['执业医师证'], [5000, 9000], 'bachelor', [24, 50]),
    ],
  },
  {
    name: '教育',
    stems: ['育才', '启明', '博雅', '稷王'],
    suffix: '培训学校',
    townships: ['jifeng', 'zhaidian'],
    sizes: ['small', 'micro'],
    weight: 2,
    trades: [
      t('小学语文教师', '教师', ['教师资格证', '普通话'], [3000, 5500], 'bachelor', [22, 45]),
      t('保育员', '保育员', ['保育员证'], [2500, 3500], 'senior-high', [20, 50]),
    ],
  },
  {
    name: '家政',
    stems: ['好帮手', '贴心', '巧嫂', '安康'],
    suffix: '家政服务有限公司',
    townships: ['jifeng', 'huayu', 'qinghe'],
    sizes: ['small', 'micro'],
    weight: 3,
    trades: [
      t('月嫂', '月嫂', ['母婴护理', '健康证'], [5000, 9000], null, [25, 55]),
      t('家政服务员', '家政服务员', ['保洁', '做饭'], [2800, 4500], null, [25, 60]),
      t('育婴师', '育婴师', ['育婴员证'], [4000, 7000], 'junior-high', [25, 55]),
    ],
  },
  {
    name: '养老',
    stems: ['福寿', '颐康', '夕阳红', '康乐'],
    suffix: '养老服务中心',
    townships: ['jifeng', 'caicun', 'taiyang'],
    sizes: ['small', 'micro'],
    weight: 2,
    trades: [
      t('养老护理员', '养老护理员', ['养老护理员证', '健康证'], [3000, 4500], null, [25, 60]),
      t('护工', '护工', ['陪护'], [3000, 5000], null, [30, 62]),
    ],
  },
  {
    name: '餐饮',
    stems: ['稷山人家', '晋南味道', '老街', '福满楼'],
    suffix: '餐饮有限公司',
    townships: ['jifeng', 'zhaidian', 'xishe', 'devzone'],
    sizes: ['small', 'micro'],
    weight: 4,
    trades: [
      t('厨师', '厨师', ['中式烹调', '健康证'], [4000, 7000], null, [20, 55]),
      t('服务员', '餐厅服务员', ['健康证'], [2500, 3500], null, [18, 45]),
      t('面点师', '面点师', ['面点', '健康证'], [3500, 5500], null),
      t('外卖骑手', '外卖骑手', ['电动车驾驶'], [4000, 7000], null, [18, 50]),
    ],
  },
  {
    name: '农业',
    stems: ['板枣', '绿源', '丰收', '稷丰'],
    suffix: '农业专业合作社',
    townships: ['xishe', 'taiyang', 'caicun', 'zhaidian', 'qinghe'],
    sizes: ['micro', 'small'],
    weight: 3,
    trades: [
      t('板枣种植管理员', '农艺工', ['枣树修剪', '嫁接'], [2500, 4000], null, [25, 65]),
      t('农机驾驶员', '驾驶员', ['拖拉机驾驶证'], [3500, 5500], null, [25, 60]),
    ],
  },
];

/** Labour-export destinations (劳务输出), written as the sheet expects: province/city/county. */
export const OUTSIDE_PLACES: readonly string[] = [
  '江苏省苏州市昆山市',
  '浙江省宁波市慈溪市',
  '广东省东莞市',
  '山西省太原市小店区',
  '运城市新绛县',
  '陕西省西安市未央区',
];

export const SURNAMES = '王李张刘杨赵陈郭段薛卫柴畅宁孙吴'.split('');
export const GIVEN = '建国军红丽芳伟强磊娜静敏涛鹏霞燕晓婷杰刚勇慧欣宇浩'.split('');
