/**
 * The figures a plan target can be measured by (table B of the plan). A pack's `targets` name one
 * of these per target; what each counts is computed by libs/targets from the records. A target a
 * pack measures by `null` is one the platform keeps no records for: it is shown, never counted.
 */
export const TARGET_METRICS = [
  'fairs-held', // 专场招聘会 held (status held or reported), by start date
  'fair-hires', // people hired through a fair (fair outcome "hired" with its placement)
  'startup-businesses', // 创业主体 licensed in the year and recorded for support
  'startup-jobs', // people employed by those businesses
  'subsidised-training', // people with a 技能提升补贴 claim filed for the year (not rejected)
  'new-skilled-workers', // people with a skill certificate issued in the year
  'new-highly-skilled-workers', // people with a senior (高级工, 三级) or higher certificate issued in the year
  'export-trips', // organised labour-export trips departed in the year
  'export-people', // people who left on those trips (departed or placed)
  'internship-posts', // 就业见习岗位 published in the year
  'difficult-persons-placed', // 就业困难人员 hired in the year (groups at hire), each person once
  'zero-employment-families-employed', // 零就业家庭 with at least one member employed (target: all)
  'township-stations-staffed', // township employment service stations with enough trained staff
  'community-stations-staffed', // community stations with enough trained staff
] as const;
export type TargetMetric = (typeof TARGET_METRICS)[number];
