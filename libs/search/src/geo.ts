/** The county's townships, re-exported so every search file imports them from one place. */
export { TOWNSHIPS, townshipByCode, townshipByName, distanceMetres } from '@app/platform/geo';
export type { Township } from '@app/platform/geo';
