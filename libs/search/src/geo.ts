/** The county's townships, re-exported so every search file imports them from one place. */
export { TOWNSHIPS, townshipByCode, townshipByName, distanceMetres } from '../../platform/src/geo/townships';
export type { Township } from '../../platform/src/geo/townships';
