import { addMonths } from '@app/subsidy-engine';

/** 一(六): 12 organised labour-export trips and 1,200 people transferred in the year. */
export const EXPORT_TARGETS = { trips: 12, people: 1200 } as const;

/** The provincial-level divisions by their full names (the subsidy pack compares 山西省 exactly). */
export const PROVINCES = [
  '北京市',
  '天津市',
  '上海市',
  '重庆市',
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

const SHORT = new Map<string, string>(
  PROVINCES.flatMap((p) => {
    const short = p.replace(/(省|市|自治区|壮族自治区|回族自治区|维吾尔自治区|特别行政区)$/, '');
    const shorter = p.replace(/(壮族|回族|维吾尔)?自治区$|省$|市$|特别行政区$/, '');
    return [
      [p, p],
      [short, p],
      [shorter, p],
    ];
  }),
);

/** A province as written (山西, 山西省, 广西, 广西壮族自治区) → its full name; undefined when unknown. */
export function provinceOf(written: string): string | undefined {
  return SHORT.get(written.normalize('NFKC').replace(/\s+/g, ''));
}

export const PARTICIPANT_STATUSES = ['enrolled', 'departed', 'placed', 'withdrawn'] as const;
export type ParticipantStatus = (typeof PARTICIPANT_STATUSES)[number];
export const PARTICIPANT_STATUS_NAMES: Readonly<Record<ParticipantStatus, string>> = {
  enrolled: '已报名',
  departed: '已出发',
  placed: '已就业',
  withdrawn: '已退出',
};

/** The day from which "still employed after 3 months" (稳岗三个月) can be recorded. */
export function followUpDue(startDate: string): string {
  return addMonths(startDate, 3);
}

export interface TripCounts {
  tripId: string;
  enrolled: number;
  departed: number;
  placed: number;
  stillEmployed: number;
}

export interface ExportProgress {
  targetTrips: number;
  targetPeople: number;
  trips: number;
  enrolled: number;
  departed: number;
  placed: number;
  stillEmployedAfter3Months: number;
}

/**
 * The year's progress: trips (not cancelled) and people — enrolled (everyone not withdrawn),
 * departed (departed or placed), placed, and still employed at the 3-month follow-up. Pure.
 */
export function exportProgress(trips: number, perTrip: readonly TripCounts[]): ExportProgress {
  const sum = (k: keyof Omit<TripCounts, 'tripId'>) => perTrip.reduce((n, t) => n + t[k], 0);
  return {
    targetTrips: EXPORT_TARGETS.trips,
    targetPeople: EXPORT_TARGETS.people,
    trips,
    enrolled: sum('enrolled'),
    departed: sum('departed'),
    placed: sum('placed'),
    stillEmployedAfter3Months: sum('stillEmployed'),
  };
}
