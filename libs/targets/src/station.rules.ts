/** Employment service stations (就业服务站, 三(十五)): a township's station or a community's. */
export const STATION_KINDS = ['township', 'community'] as const;
export type StationKind = (typeof STATION_KINDS)[number];
export const STATION_KIND_NAMES: Readonly<Record<StationKind, string>> = {
  township: '乡镇就业服务站',
  community: '社区就业服务站',
};
