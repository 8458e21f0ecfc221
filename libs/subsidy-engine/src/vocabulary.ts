/** The closed vocabularies of the contract (subsidy-evaluate.md). An unknown value is an input error. */
export const PERSON_GROUPS = [
  'graduate', // 高校毕业生
  'registered-unemployed', // 登记失业人员
  'difficult', // 就业困难人员
  'poverty-alleviated', // 脱贫人口
  'rural-labourer', // 进城求职的农村劳动者
  'returning-entrepreneur', // 返乡入乡创业人员
  'researcher', // 事业单位科研人员
  'zero-employment-family', // 零就业家庭
  'minimum-living', // 低保家庭
  'disabled', // 残疾人
] as const;
export type PersonGroup = (typeof PERSON_GROUPS)[number];

export const GRADUATION_LEVELS = ['university', 'secondary-vocational'] as const; // 高校 / 中职
export type GraduationLevel = (typeof GRADUATION_LEVELS)[number];

export const EMPLOYER_SIZES = ['large', 'medium', 'small', 'micro'] as const; // 大 中 小 微
export type EmployerSize = (typeof EMPLOYER_SIZES)[number];

export const POST_KINDS = ['regular', 'public-welfare', 'public-welfare-community'] as const;
export type PostKind = (typeof POST_KINDS)[number];

/** hr-firm 人力资源服务企业, training 职业培训机构, domestic-service 家政服务企业, broker 劳务经纪人 */
export const AGENCY_KINDS = ['hr-firm', 'training', 'domestic-service', 'broker'] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

/** junior 初级(五级), intermediate 中级(四级), senior 高级(三级) */
export const CERTIFICATE_LEVELS = ['junior', 'intermediate', 'senior'] as const;
export type CertificateLevel = (typeof CERTIFICATE_LEVELS)[number];

/** micro-enterprise 微型企业, small-enterprise 小型企业, individual 个体工商户 */
export const BUSINESS_KINDS = ['micro-enterprise', 'small-enterprise', 'individual'] as const;
export type BusinessKind = (typeof BUSINESS_KINDS)[number];

export const LOCATION_CLASSES = ['county', 'province', 'outside'] as const; // 县内 / 省内县外 / 省外
export type LocationClass = (typeof LOCATION_CLASSES)[number];

export const SEXES = ['male', 'female'] as const;
export type Sex = (typeof SEXES)[number];

export const PERIODS = ['once', 'month', 'year'] as const;
export type Period = (typeof PERIODS)[number];

/*
 * How the county writes these terms (on sheets, forms and pages). The one place for them: the
 * sheet import reads them, the web app shows them.
 */
export const PERSON_GROUP_NAMES: Readonly<Record<PersonGroup, string>> = {
  graduate: '高校毕业生',
  'registered-unemployed': '登记失业人员',
  difficult: '就业困难人员',
  'poverty-alleviated': '脱贫人口',
  'rural-labourer': '农村劳动力',
  'returning-entrepreneur': '返乡入乡创业人员',
  researcher: '事业单位科研人员',
  'zero-employment-family': '零就业家庭成员',
  'minimum-living': '低保家庭成员',
  disabled: '残疾人',
};
export const EMPLOYER_SIZE_NAMES: Readonly<Record<EmployerSize, string>> = {
  large: '大型',
  medium: '中型',
  small: '小型',
  micro: '微型',
};
export const POST_KIND_NAMES: Readonly<Record<PostKind, string>> = {
  regular: '普通岗位',
  'public-welfare': '公益性岗位',
  'public-welfare-community': '社区公益性岗位',
};
export const AGENCY_KIND_NAMES: Readonly<Record<AgencyKind, string>> = {
  'hr-firm': '人力资源服务机构',
  training: '职业培训机构',
  'domestic-service': '家政服务企业',
  broker: '劳务经纪人',
};
/** 初级 is 五级, 中级 四级, 高级 三级 of the national skill levels. */
export const CERTIFICATE_LEVEL_NAMES: Readonly<Record<CertificateLevel, string>> = {
  junior: '初级',
  intermediate: '中级',
  senior: '高级',
};
export const GRADUATION_LEVEL_NAMES: Readonly<Record<GraduationLevel, string>> = {
  university: '高等院校',
  'secondary-vocational': '中等职业学校',
};
export const BUSINESS_KIND_NAMES: Readonly<Record<BusinessKind, string>> = {
  'micro-enterprise': '微型企业',
  'small-enterprise': '小型企业',
  individual: '个体工商户',
};
