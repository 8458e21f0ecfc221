import { EMPLOYER_SIZE_NAMES } from '@app/subsidy-engine';
import { EDUCATION_NAMES } from '@app/seekers/vocabulary';
import { EMPLOYMENT_TYPE_NAMES } from '../vocabulary';

/**
 * The columns of the 岗位信息采集表 (job-post collection sheet), in the order the blank template
 * lists them. The contract (shared/contracts/job-post-import.md) fixes the header names; the
 * order in an uploaded sheet is free.
 */
export interface SheetHeaderSpec {
  /** Header text exactly as it must appear in row 1. */
  name: string;
  required: boolean;
  /** One line of guidance in Chinese, shown in the template's 填写说明 sheet and header notes. */
  description: string;
  /** Closed list of allowed values, when the column has one (drives the template dropdowns). */
  allowed?: readonly string[];
}

export const COUNTY_TOWNSHIP_NAMES = [
  '稷峰镇',
  '西社镇',
  '化峪镇',
  '翟店镇',
  '清河镇',
  '蔡村乡',
  '太阳乡',
  '稷山经开区',
] as const;

export const ENTERPRISE_SIZE_LABELS = Object.values(EMPLOYER_SIZE_NAMES);
export const EMPLOYMENT_TYPE_LABELS = Object.values(EMPLOYMENT_TYPE_NAMES);
export const EDUCATION_LABELS = Object.values(EDUCATION_NAMES);

export const JOB_POST_HEADERS: readonly SheetHeaderSpec[] = Object.freeze([
  { name: '单位名称', required: true, description: '用人单位全称，与营业执照一致' },
  {
    name: '统一社会信用代码',
    required: true,
    description:
      '18位统一社会信用代码（营业执照上），字母大写；请将此列设为“文本”格式，以免被 Excel 改成数字',
  },
  {
    name: '单位规模',
    required: false,
    description: '大型 / 中型 / 小型 / 微型',
    allowed: ENTERPRISE_SIZE_LABELS,
  },
  { name: '所属行业', required: false, description: '所属行业，自由填写，如：制造业、餐饮业' },
  { name: '岗位名称', required: true, description: '招聘岗位名称，如：电焊工、收银员' },
  { name: '工种', required: false, description: '职业（工种），可不填' },
  { name: '招聘人数', required: true, description: '正整数，如：5' },
  {
    name: '工作地点',
    required: true,
    description:
      '县内填乡镇名称（稷峰镇、西社镇、化峪镇、翟店镇、清河镇、蔡村乡、太阳乡、稷山经开区）；' +
      '县外按“省市县”填写，如：运城市新绛县、江苏省苏州市昆山市（省内可省略“山西省”）',
    allowed: COUNTY_TOWNSHIP_NAMES,
  },
  {
    name: '用工形式',
    required: false,
    description: '全职 / 兼职 / 临时 / 见习，不填默认全职',
    allowed: EMPLOYMENT_TYPE_LABELS,
  },
  { name: '薪资下限', required: false, description: '月薪下限，单位：元，整数，如：3000' },
  { name: '薪资上限', required: false, description: '月薪上限，单位：元，整数，不低于薪资下限' },
  {
    name: '学历要求',
    required: false,
    description: '不限 / 初中 / 高中 / 中专 / 大专 / 本科 / 硕士',
    allowed: EDUCATION_LABELS,
  },
  {
    name: '年龄要求',
    required: false,
    description: '年龄范围，如：18-50；也可写“50以下”“18以上”，年龄在16至70岁之间',
  },
  { name: '技能要求', required: false, description: '多个技能用顿号、逗号或分号分隔，如：电焊、气割' },
  { name: '岗位描述', required: false, description: '工作内容、待遇等，不超过2000字' },
  { name: '联系人', required: false, description: '招聘联系人姓名' },
  { name: '联系电话', required: false, description: '手机号（如 13912345678）或固定电话（如 0359-5521234）' },
  {
    name: '截止日期',
    required: false,
    description: '招聘截止日期，格式：YYYY-MM-DD，如 2025-12-31；不能早于导入当天',
  },
]);

export const JOB_POST_HEADER_NAMES: readonly string[] = Object.freeze(JOB_POST_HEADERS.map((h) => h.name));
export const REQUIRED_JOB_POST_HEADERS: readonly string[] = Object.freeze(
  JOB_POST_HEADERS.filter((h) => h.required).map((h) => h.name),
);
