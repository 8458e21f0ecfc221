/** China's provincial-level divisions by their full names (the subsidy pack compares 山西省 exactly). */
export const MUNICIPALITIES = ['北京市', '天津市', '上海市', '重庆市'] as const;
export const PROVINCES = [
  ...MUNICIPALITIES,
  '河北省',
  '山西省',
  '辽宁省',
  '吉林省',
  '黑龙江省',
  '江苏省',
  '浙江省',
  '安徽省',
  '福建省',
  '江西省',
  '山东省',
  '河南省',
  '湖北省',
  '湖南省',
  '广东省',
  '海南省',
  '四川省',
  '贵州省',
  '云南省',
  '陕西省',
  '甘肃省',
  '青海省',
  '台湾省',
  '内蒙古自治区',
  '广西壮族自治区',
  '西藏自治区',
  '宁夏回族自治区',
  '新疆维吾尔自治区',
  '香港特别行政区',
  '澳门特别行政区',
] as const;

const BY_NAME = new Map<string, string>(
  PROVINCES.flatMap((p) => {
    const short = p.replace(/(壮族|回族|维吾尔)?自治区$|省$|市$|特别行政区$/, '');
    return [
      [p, p],
      [short, p],
    ];
  }),
);

/** A province as written (山西, 山西省, 广西, 广西壮族自治区) → its full name; undefined when unknown. */
export function provinceOf(written: string): string | undefined {
  return BY_NAME.get(written.normalize('NFKC').replace(/\s+/g, ''));
}
