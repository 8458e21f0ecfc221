/** Enterprises (用人单位): their profiles, who manages them, the facts other domains need of them. */
export { EnterprisesModule } from './enterprises.module';
export { EnterpriseService, canManage, maskPhone } from './enterprise.service';
export type { EnterpriseFacts, EnterpriseScope } from './enterprise.service';
export type { EnterpriseView } from './enterprise.dto';
